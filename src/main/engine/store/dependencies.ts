// What a job's end means for the jobs that wait on it. A child (parent_id)
// is `scheduled` until its parent succeeds; if the parent dies or is
// cancelled the child can never run, so it is cancelled, and so on down the
// chain, each with an event saying which parent took it down. Everything here
// runs inside the caller's transaction, so a parent's end and its children's
// fate commit together.
import type { JobState } from '../../../shared/job/states.ts';
import type { Batches } from './batches.ts';
import { afterParentFinal } from '../../../shared/lifecycle/chains-and-batches.ts';
import type { TransitionEvent } from '../../../shared/lifecycle/reasons.ts';
import { decidedEvent, type AppendEvent } from './events.ts';
import type { DB } from './open-database.ts';

export type FinalState = 'succeeded' | 'dead' | 'cancelled';

export interface JobRef {
  id: number;
  seq: number;
  batchId: number | null;
}

export interface Dependencies {
  /** Call in the transaction that moved `job` from `from` into a final state. */
  afterFinal(job: JobRef, from: JobState | null, to: FinalState, now: number): void;
  /** Cancels a job (cancel_reason = reason), then its descendants. `detail` defaults to the reason. */
  cancel(job: JobRef, from: JobState, reason: string, now: number, detail?: string): void;
}

interface Child {
  id: number;
  seq: number;
  state: JobState;
  batch_id: number | null;
}

export function prepareDependencies(db: DB, appendEvent: AppendEvent, batches: Batches): Dependencies {
  const dueChildren = db.prepare<[number, number], { id: number; seq: number }>(
    `SELECT id, seq FROM jobs WHERE parent_id = ? AND state = 'scheduled' AND due_at <= ? ORDER BY id`,
  );
  // A released child became claimable now, not at its enqueue time, so it
  // queues behind jobs that were already waiting.
  const release = db.prepare(`UPDATE jobs SET state = 'pending', due_at = ? WHERE id = ?`);
  const openChildren = db.prepare<[number], Child>(
    `SELECT id, seq, state, batch_id FROM jobs
      WHERE parent_id = ? AND state IN ('scheduled', 'pending', 'retrying') ORDER BY id`,
  );
  const markCancelled = db.prepare(
    `UPDATE jobs SET state = 'cancelled', cancel_reason = ?, finished_at = ?, lease_owner = NULL, lease_expires_at = NULL
      WHERE id = ?`,
  );

  function cancelRow(job: JobRef, from: JobState, reason: string, now: number, event: TransitionEvent): void {
    markCancelled.run(reason, now, job.id);
    appendEvent(decidedEvent(now, job.seq, event));
    batches.moved(job.batchId, from, 'cancelled', now);
  }

  // An explicit stack, not recursion: a chain of ten thousand jobs must not
  // overflow the JS stack.
  function cancelDescendants(root: JobRef, rootState: 'dead' | 'cancelled', now: number): void {
    const stack: { id: number; seq: number; ended: 'dead' | 'cancelled' }[] = [{ id: root.id, seq: root.seq, ended: rootState }];
    while (stack.length > 0) {
      const parent = stack.pop()!;
      for (const c of openChildren.all(parent.id)) {
        const decision = afterParentFinal(parent.seq, parent.ended, c.state);
        cancelRow({ id: c.id, seq: c.seq, batchId: c.batch_id }, c.state, decision.cancelReason!, now, decision.event);
        stack.push({ id: c.id, seq: c.seq, ended: 'cancelled' });
      }
    }
  }

  function releaseChildren(parent: JobRef, now: number): void {
    // Children still inside their own delay stay scheduled; promoteDue takes them later.
    for (const c of dueChildren.all(parent.id, now)) {
      release.run(now, c.id);
      appendEvent(decidedEvent(now, c.seq, afterParentFinal(parent.seq, 'succeeded', 'scheduled').event));
    }
  }

  return {
    afterFinal(job, from, to, now) {
      batches.moved(job.batchId, from, to, now);
      if (to === 'succeeded') releaseChildren(job, now);
      else cancelDescendants(job, to, now);
    },
    cancel(job, from, reason, now, detail = reason) {
      cancelRow(job, from, reason, now, { kind: 'cancelled', from, to: 'cancelled', outcome: null, reason: null, detail });
      cancelDescendants(job, 'cancelled', now);
    },
  };
}
