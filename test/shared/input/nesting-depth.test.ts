import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, tooDeepAt, tooDeepMessage } from '../../../src/shared/input/nesting-depth.ts';

const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

describe('tooDeepAt: one nesting limit for every user document', () => {
  it('passes scalars and values up to the limit, refuses one level more', () => {
    for (const scalar of [null, 1, 'x', true]) expect(tooDeepAt(scalar)).toBeNull();
    expect(tooDeepAt(nested(MAX_NESTING_DEPTH))).toBeNull();
    expect(tooDeepAt(nested(MAX_NESTING_DEPTH + 1))).toBe('[0][0][0]');
    expect(tooDeepAt({ a: 1, b: [{}] }, 3)).toBeNull();
    expect(tooDeepAt({ a: 1, b: [{}] }, 2)).toBe('b[0]');
  });

  it('names where the value went too deep, and survives 20,000 levels (no recursion)', () => {
    expect(tooDeepAt({ type: 'work', payload: nested(20_000) })).toBe('payload[0][0]');
    expect(tooDeepAt(nested(200_000))).toBe('[0][0][0]');
    expect(tooDeepMessage('payload[0][0]', 'body')).toBe('payload[0][0]: nested deeper than 64 levels (objects and arrays); flatten it');
    expect(tooDeepMessage('', 'body')).toMatch(/^body: nested deeper/);
  });

  it('walks wide values too: a deep branch after many flat ones is found', () => {
    const wide = { many: Array.from({ length: 10_000 }, (_, i) => i), deep: { x: nested(70) } };
    expect(tooDeepAt(wide)).toBe('deep.x[0]');
  });
});
