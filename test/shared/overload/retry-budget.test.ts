import { describe, expect, it } from 'vitest';
import { budgetOnRequest, budgetOnSuccess, budgetSpendForRetry, newRetryBudget, retryBudgetParams } from '../../../src/shared/overload/retry-budget.ts';

describe('retry budget (token bucket)', () => {
  it('the aws-sdk preset has the SDK numbers: 500 tokens, retry 5, timeout retry 10, +1 per success', () => {
    expect(retryBudgetParams({ kind: 'aws-sdk' })).toEqual({ capacity: 500, initial: 500, perSuccess: 1, perRequest: 0, retryCost: 5, timeoutRetryCost: 10 });
  });

  it('aws-sdk: 100 plain retries spend the 500 tokens, the 101st is refused; 50 timeout retries do the same', () => {
    const b = newRetryBudget(retryBudgetParams({ kind: 'aws-sdk' }));
    for (let i = 0; i < 100; i++) expect(budgetSpendForRetry(b, 'failed')).toBeNull();
    expect(budgetSpendForRetry(b, 'failed')).toMatch(/retry budget has 0 tokens, a retry costs 5/);
    expect(b.refused).toBe(1);
    const t = newRetryBudget(retryBudgetParams({ kind: 'aws-sdk' }));
    for (let i = 0; i < 50; i++) expect(budgetSpendForRetry(t, 'timeout')).toBeNull();
    expect(budgetSpendForRetry(t, 'timeout')).not.toBeNull();
  });

  it('successes earn tokens back, up to the cap', () => {
    const b = newRetryBudget(retryBudgetParams({ kind: 'aws-sdk' }));
    budgetSpendForRetry(b, 'failed');
    for (let i = 0; i < 10; i++) budgetOnSuccess(b);
    expect(b.tokens).toBe(500);
  });

  it('sre-10pct: over 1000 requests at most 10% of them (plus the small cap) can be retried', () => {
    const b = newRetryBudget(retryBudgetParams({ kind: 'sre-10pct' }));
    let retries = 0;
    for (let i = 0; i < 1000; i++) {
      budgetOnRequest(b);
      if (budgetSpendForRetry(b, 'failed') === null) retries++;
    }
    expect(retries).toBeGreaterThanOrEqual(100);
    expect(retries).toBeLessThanOrEqual(110);
  });

  it('a custom bucket starts at `initial` and refuses without touching its tokens', () => {
    const b = newRetryBudget(retryBudgetParams({ kind: 'tokenBucket', capacity: 10, initial: 3, perSuccess: 1, perRequest: 0, retryCost: 2, timeoutRetryCost: 4 }));
    expect(budgetSpendForRetry(b, 'timeout')).not.toBeNull();
    expect(b.tokens).toBe(3);
    expect(budgetSpendForRetry(b, 'failed')).toBeNull();
    expect(b.tokens).toBe(1);
  });
});
