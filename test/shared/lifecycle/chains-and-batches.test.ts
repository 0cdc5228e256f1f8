import { describe, expect, it } from 'vitest';
import { afterParentFinal, batchSettlement } from '../../../src/shared/lifecycle/chains-and-batches.ts';

describe('afterParentFinal', () => {
  it('a parent that succeeded makes its waiting child due', () => {
    expect(afterParentFinal(4, 'succeeded', 'scheduled')).toEqual({
      to: 'pending', cancelReason: null,
      event: { kind: 'due', from: 'scheduled', to: 'pending', outcome: null, reason: 'parent_succeeded', detail: 'parent job 4 succeeded' },
    });
  });

  it('a parent that died or was cancelled cancels the child, saying which', () => {
    const died = afterParentFinal(4, 'dead', 'scheduled');
    expect(died.to).toBe('cancelled');
    expect(died.cancelReason).toBe('parent job 4 died');
    expect(died.event.reason).toBe('parent_died');
    const cancelled = afterParentFinal(5, 'cancelled', 'pending');
    expect(cancelled.cancelReason).toBe('parent job 5 was cancelled');
    expect(cancelled.event).toMatchObject({ from: 'pending', to: 'cancelled', reason: 'parent_cancelled' });
  });
});

describe('batchSettlement', () => {
  it('is null while members are open, then `then` when all succeeded', () => {
    expect(batchSettlement('batch 1', { size: 3, succeeded: 2, dead: 0, cancelled: 0 })).toBeNull();
    const s = batchSettlement('batch 1', { size: 3, succeeded: 3, dead: 0, cancelled: 0 })!;
    expect(s.outcome).toBe('then');
    expect(s.event).toMatchObject({ kind: 'batch_then', reason: 'all_succeeded', detail: 'batch 1: 3 succeeded, 0 dead, 0 cancelled of 3' });
  });

  it('`catch` when any member did not succeed; an empty batch reports nothing', () => {
    expect(batchSettlement('batch 2', { size: 3, succeeded: 1, dead: 1, cancelled: 1 })!.event.kind).toBe('batch_catch');
    expect(batchSettlement('batch 3', { size: 0, succeeded: 0, dead: 0, cancelled: 0 })).toBeNull();
  });
});
