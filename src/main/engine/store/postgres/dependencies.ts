// What a job's end means for the jobs waiting on it (see ../dependencies.ts):
// children released when the parent succeeds, cancelled down the chain when
// it dies or is cancelled, each with the lifecycle's event (afterParentFinal).
// Every UPDATE names the state it expects, so a child that another
// transaction moved meanwhile (promoteDue on another machine) is left alone.
import type { JobState } from '../../../../shared/job/states.ts';
import { afterParentFinal } from '../../../../shared/lifecycle/chains-and-batches.ts';
import type { TransitionEvent } from '../../../../shared/lifecycle/reasons.ts';
import type { FinalState, JobRef } from '../dependencies.ts';
import { decidedEvent } from '../events.ts';
import { batchMoved } from './batches.ts';
import { statement, type Tx } from './pg-database.ts';

// A released child became claimable now, not at its enqueue time.
const RELEASE = statement(
  'deps_release',
  `UPDATE jobs SET state = 'pending', due_at = $2 WHERE parent_id = $1 AND state = 'scheduled' AND due_at <= $2 RETURNING id, seq`,
);
const OPEN_CHILDREN = statement(
  'deps_open_children',
  `SELECT id, seq, state, batch_id FROM jobs
    WHERE parent_id = $1 AND state IN ('scheduled', 'pending', 'retrying') ORDER BY id FOR UPDATE`,
);
const CANCEL = statement(
  'deps_cancel',
  `UPDATE jobs SET state = 'cancelled', cancel_reason = $1, finished_at = $2, lease_owner = NULL, lease_expires_at = NULL
    WHERE id = $3`,
);

interface Child {
  id: number;
  seq: number;
  state: JobState;
  batch_id: number | null;
}

/** Call in the transaction that moved `job` from `from` into a final state. */
export async function afterFinal(tx: Tx, job: JobRef, from: JobState | null, to: FinalState, now: number): Promise<void> {
  await batchMoved(tx, job.batchId, from, to, now);
  if (to === 'succeeded') await releaseChildren(tx, job, now);
  else await cancelDescendants(tx, job, to, now);
}

/** Cancels a job (cancel_reason = reason), then its descendants. */
export async function cancelJob(tx: Tx, job: JobRef, from: JobState, reason: string, now: number, detail = reason): Promise<void> {
  await cancelRow(tx, job, from, reason, now, { kind: 'cancelled', from, to: 'cancelled', outcome: null, reason: null, detail });
  await cancelDescendants(tx, job, 'cancelled', now);
}

async function cancelRow(tx: Tx, job: JobRef, from: JobState, reason: string, now: number, event: TransitionEvent): Promise<void> {
  await tx.q(CANCEL, [reason, now, job.id]);
  tx.event(decidedEvent(now, job.seq, event));
  await batchMoved(tx, job.batchId, from, 'cancelled', now);
}

// An explicit stack, not recursion, as in the SQLite store.
async function cancelDescendants(tx: Tx, root: JobRef, rootState: 'dead' | 'cancelled', now: number): Promise<void> {
  const stack: { id: number; seq: number; ended: 'dead' | 'cancelled' }[] = [{ id: root.id, seq: root.seq, ended: rootState }];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    for (const c of await tx.q<Child>(OPEN_CHILDREN, [parent.id])) {
      const decision = afterParentFinal(parent.seq, parent.ended, c.state);
      await cancelRow(tx, { id: c.id, seq: c.seq, batchId: c.batch_id }, c.state, decision.cancelReason!, now, decision.event);
      stack.push({ id: c.id, seq: c.seq, ended: 'cancelled' });
    }
  }
}

async function releaseChildren(tx: Tx, parent: JobRef, now: number): Promise<void> {
  // Children still inside their own delay stay scheduled; promoteDue takes them later.
  const released = (await tx.q<{ id: number; seq: number }>(RELEASE, [parent.id, now])).sort((a, b) => a.id - b.id);
  for (const c of released) tx.event(decidedEvent(now, c.seq, afterParentFinal(parent.seq, 'succeeded', 'scheduled').event));
}
