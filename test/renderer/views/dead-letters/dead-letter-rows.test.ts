import { describe, expect, it } from 'vitest';
import type { DeadJobInfo } from '../../../../src/shared/lab-api/lab-api.ts';
import { filterDead, groupByError, lastError, nextSort, sortDead } from '../../../../src/renderer/views/dead-letters/dead-letter-rows.ts';

const dead = (seq: number, error: string | null, diedAt: number, type = 'work'): DeadJobInfo => ({
  jobId: 1000 + seq, seq, queue: 'default', type, payload: null, attempts: 5, errors: ['first', error], reason: 'attempts exhausted', diedAt,
});

describe('dead-letter rows', () => {
  const rows = [dead(3, 'poison', 9), dead(1, 'timeout', 12, 'mail'), dead(2, 'poison', 5), dead(4, null, 7)];

  it('sorts by a column both ways, ties in job order', () => {
    expect(sortDead(rows, { column: 'diedAt', direction: 'ascending' }).map((d) => d.seq)).toEqual([2, 4, 3, 1]);
    expect(sortDead(rows, { column: 'error', direction: 'descending' }).map((d) => d.seq)).toEqual([1, 2, 3, 4]);
    expect(nextSort({ column: 'seq', direction: 'ascending' }, 'seq')).toEqual({ column: 'seq', direction: 'descending' });
    expect(nextSort({ column: 'seq', direction: 'descending' }, 'type')).toEqual({ column: 'type', direction: 'ascending' });
  });

  it('filters on every word and groups by the last error', () => {
    expect(filterDead(rows, 'poison').map((d) => d.seq)).toEqual([3, 2]);
    expect(filterDead(rows, 'MAIL timeout').map((d) => d.seq)).toEqual([1]);
    expect(lastError(rows[3]!)).toBe('first');
    expect(groupByError(rows).map((g) => [g.error, g.rows.length])).toEqual([['poison', 2], ['timeout', 1], ['first', 1]]);
  });
});
