// A scenario file nested thousands of levels deep gets one issue naming the
// limit (issue 10), in JSON and YAML alike, instead of a stack overflow.
import { describe, expect, it } from 'vitest';
import { parseScenarioText, validateScenario } from '../../../src/shared/scenario/validate.ts';

const nested = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

describe('scenario nesting limit', () => {
  it('JSON and YAML files nested 20,000 deep: one issue naming the limit', () => {
    for (const [text, format] of [[`{"name": ${nested(20_000)}}`, 'json'], [`name: ${nested(20_000)}`, 'yaml']] as const) {
      const result = parseScenarioText(text, format);
      expect(result.ok, format).toBe(false);
      if (result.ok) continue;
      expect(result.issues, format).toHaveLength(1);
      expect(result.issues[0]!.message, format).toMatch(/nested deeper than 64 levels/);
    }
  });

  it('data given directly is checked before the schema walks it', () => {
    const deep = JSON.parse(nested(100)) as unknown;
    expect(validateScenario({ name: 'x', faults: deep })).toEqual({
      ok: false,
      issues: [{ path: 'faults[0][0]', message: 'nested deeper than 64 levels (objects and arrays); flatten it' }],
    });
  });
});
