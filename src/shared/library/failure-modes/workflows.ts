// Failure modes of job workflows: a chain whose parent dies, a batch with
// partial failures, and idempotency keys against re-sent requests.
import type { BuiltinScenario } from '../builtin-scenario.ts';

export const chainParentDies: BuiltinScenario = {
  key: 'chain-parent-dies',
  title: 'Chained jobs: the parent dies, the children are cancelled',
  source: 'failure mode',
  teaches: 'In a chain (charge the card, then send the receipt, then update the ledger) a child must never run when its parent failed for good: when the parent lands in the dead-letter table, every job after it is cancelled, with the reason kept.',
  notice: 'About one charge in ten dies after 2 attempts. In the Event log each dead charge_card is followed at the same instant by "cancelled" for its send_receipt ("parent job N died") and update_ledger ("parent job M was cancelled"); jobs.cancelled is twice jobs.dead.',
  scenario: {
    name: 'Chain: parent dies',
    seed: 17,
    jobTypes: {
      charge_card: { duration: { kind: 'uniform', min: 0.5, max: 1.5 }, failureRate: 0.3, error: 'card declined' },
      send_receipt: { duration: { kind: 'constant', value: 0.3 } },
      update_ledger: { duration: { kind: 'constant', value: 0.2 } },
    },
    producers: [{ jobType: 'charge_card', then: ['send_receipt', 'update_ledger'], count: 300, arrival: { kind: 'poisson', rate: 1 } }],
    workers: { count: 3 },
    retry: { maxAttempts: 2, backoff: { kind: 'fixed', initial: 5 }, jitter: 'none' },
  },
};

export const batchPartialFailure: BuiltinScenario = {
  key: 'batch-partial-failure',
  title: 'A batch with partial failures (then / catch)',
  source: 'failure mode',
  teaches: 'A batch (Laravel\'s Bus::batch) reports once, when all of its jobs are final: "then" if every job succeeded, "catch" if any did not. One bad job turns its whole batch into a catch; the other jobs of that batch still run.',
  notice: 'Two producers, batches of 25: invoice imports with a few poison rows, and image resizes with none. The Event log ends each invoice batch holding a poison row with batch_catch ("24 succeeded, 1 dead"), and every image batch with batch_then.',
  scenario: {
    name: 'Batch with partial failures',
    seed: 25,
    jobTypes: {
      import_invoice: { duration: { kind: 'uniform', min: 0.2, max: 1 } },
      resize_image: { duration: { kind: 'uniform', min: 0.2, max: 1 } },
    },
    producers: [
      { jobType: 'import_invoice', count: 100, arrival: { kind: 'burst', size: 25, every: 30 }, batch: { size: 25 } },
      { jobType: 'resize_image', count: 100, arrival: { kind: 'burst', size: 25, every: 30 }, start: 10, batch: { size: 25 } },
    ],
    workers: { count: 4 },
    retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 1 }, jitter: 'none' },
    faults: [{ kind: 'poison', jobType: 'import_invoice', fraction: 0.03 }],
  },
};

export const idempotencyKeys: BuiltinScenario = {
  key: 'idempotency-keys',
  title: 'Idempotency keys stop duplicate enqueues',
  source: 'failure mode',
  teaches: 'Clients re-send a request when the answer is slow; with an idempotency key the queue answers the re-send with the job it already has, so the notification is sent once, not twice.',
  notice: '30% of the 1000 requests are re-sends of the previous one. "deduplicated" in the stats counts them, jobs.total is 1000 minus that number (one job per distinct key), and duplicates stays 0: no customer gets the message twice.',
  scenario: {
    name: 'Idempotency keys',
    seed: 30,
    jobTypes: { notify: { duration: { kind: 'lognormal', mean: 0.5, sd: 0.2 } } },
    producers: [{ jobType: 'notify', count: 1000, arrival: { kind: 'poisson', rate: 4 }, duplicateRate: 0.3 }],
    workers: { count: 3 },
  },
};
