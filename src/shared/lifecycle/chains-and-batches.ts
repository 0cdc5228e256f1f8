// What a job's end means for others: the job that waits on it (a chain,
// `then:` in a producer) and the batch it belongs to. Pure decisions; instant
// mode and the store each apply them to their own tables.
import type { JobState } from '../job/states.ts';
import type { TransitionEvent } from './reasons.ts';

export type ChildDecision =
  | { to: 'pending'; cancelReason: null; event: TransitionEvent }
  | { to: 'cancelled'; cancelReason: string; event: TransitionEvent };

/**
 * A parent reached a final state; its waiting child (in `childState`) is now
 * due (parent succeeded) or can never run (parent died or was cancelled).
 * A cancelled child takes its own children down the same way.
 */
export function afterParentFinal(parentSeq: number, parentState: 'succeeded' | 'dead' | 'cancelled', childState: JobState): ChildDecision {
  if (parentState === 'succeeded') {
    const detail = `parent job ${parentSeq} succeeded`;
    return { to: 'pending', cancelReason: null, event: { kind: 'due', from: childState, to: 'pending', outcome: null, reason: 'parent_succeeded', detail } };
  }
  const reason = `parent job ${parentSeq} ${parentState === 'dead' ? 'died' : 'was cancelled'}`;
  return {
    to: 'cancelled', cancelReason: reason,
    event: { kind: 'cancelled', from: childState, to: 'cancelled', outcome: null, reason: parentState === 'dead' ? 'parent_died' : 'parent_cancelled', detail: reason },
  };
}

export interface BatchCounts {
  size: number;
  succeeded: number;
  dead: number;
  cancelled: number;
}

export interface BatchSettlement {
  outcome: 'then' | 'catch';
  event: TransitionEvent;
}

/**
 * A batch is settled once every member is final: `then` when all succeeded,
 * else `catch` (Laravel's Bus::batch). Null while members are open, or for an
 * empty batch (every arrival was a re-send), which has nothing to report.
 * `label` names the batch in the sentence ("batch 3").
 */
export function batchSettlement(label: string, b: BatchCounts): BatchSettlement | null {
  if (b.size === 0 || b.succeeded + b.dead + b.cancelled < b.size) return null;
  const outcome = b.succeeded === b.size ? 'then' : 'catch';
  return {
    outcome,
    event: {
      kind: outcome === 'then' ? 'batch_then' : 'batch_catch', from: null, to: null, outcome: null,
      reason: outcome === 'then' ? 'all_succeeded' : 'some_not_succeeded',
      detail: `${label}: ${b.succeeded} succeeded, ${b.dead} dead, ${b.cancelled} cancelled of ${b.size}`,
    },
  };
}
