// Chaos fired by hand on the active live run, for both doors into the host:
// POST /chaos (seed-endpoints.ts) and the LabApi's `chaos` method
// (lab-api-server.ts). Both validate the params with the shared schema first;
// this checks what only the run knows (is there one, is it still running,
// how many workers, which job types and services it has) and calls its ChaosControl.
import { z } from 'zod';
import { chaosFields, commonChaosActions, type ChaosParams } from '../../shared/lab-api/lab-api.ts';
import { liveWorkersProblem } from '../../shared/live/run-caps.ts';
import type { ActiveRun, ChaosOutcome } from './active-run.ts';

/** The REST body of POST /chaos: the LabApi's params, with hold_ms in the seeds' snake_case. */
export const chaosBodySchema = z.discriminatedUnion('action', [
  ...commonChaosActions,
  z.strictObject({ action: z.literal('lock_contention'), seconds: chaosFields.lockSeconds, hold_ms: chaosFields.holdMs.default(200) }),
]);

export function chaosParamsOfBody(body: z.output<typeof chaosBodySchema>): ChaosParams {
  if (body.action !== 'lock_contention') return body;
  return { action: body.action, seconds: body.seconds, holdMs: body.hold_ms };
}

/** Why chaos was refused: 400 names the field, 409 means no running live run. */
export class ChaosRefused extends Error {
  constructor(
    readonly status: 400 | 409,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ChaosRefused';
  }
}

export async function fireChaos(run: ActiveRun | null, params: ChaosParams): Promise<ChaosOutcome> {
  if (!run) throw new ChaosRefused(409, undefined, 'no live run is active; start one (LabApi startLive, or `queue-lab serve --run FILE`); GET /health says which run is active');
  const chaos = run.chaos;
  if (!chaos) throw new ChaosRefused(409, undefined, `run ${run.runId} has no chaos controls: its workers are not run by this host`);
  if (!chaos.isRunning()) throw new ChaosRefused(409, undefined, `run ${run.runId} has ended; chaos needs a running live run`);
  if ('worker' in params && params.worker !== undefined && params.worker > chaos.workers) {
    throw new ChaosRefused(400, 'worker', `worker: this run has workers 1..${chaos.workers}, got ${params.worker}`);
  }
  if ('type' in params && params.type !== undefined && !(params.type in run.scenario.jobTypes)) {
    const known = Object.keys(run.scenario.jobTypes).join(', ');
    throw new ChaosRefused(400, 'type', `type: unknown job type ${JSON.stringify(params.type)}; this run has ${known}`);
  }
  if (params.action === 'capacity_drop' && !(params.service in (run.scenario.services ?? {}))) {
    const known = Object.keys(run.scenario.services ?? {});
    throw new ChaosRefused(400, 'service', `service: unknown service ${JSON.stringify(params.service)}; ${known.length ? `this run has ${known.join(', ')}` : 'this run has no services'}`);
  }
  // Counted in slots (w1..wN, as add_worker numbers them): a run never has more worker processes than slots.
  const tooMany = params.action === 'add_worker' ? liveWorkersProblem(chaos.workers + 1) : null;
  if (tooMany) throw new ChaosRefused(400, 'action', `add_worker: ${tooMany}`);
  switch (params.action) {
    case 'kill':
      return chaos.killWorker(params.worker);
    case 'hang':
      return chaos.hangWorker(params.worker, params.seconds);
    case 'slow':
      return chaos.slowWorker(params.worker, params.factor);
    case 'unsafe_claim':
      return chaos.setUnsafeClaim(params.on);
    case 'lock_contention':
      return chaos.lockContention(params.holdMs, params.seconds);
    case 'add_worker':
      return chaos.addWorker();
    case 'remove_worker':
      return chaos.removeWorker(params.worker ?? null);
    case 'outage':
      return chaos.outage(params.type, params.seconds);
    case 'capacity_drop':
      return chaos.dropCapacity(params.service, params.capacity, params.seconds);
    case 'poison':
      return chaos.poison(params.type ?? null);
  }
}
