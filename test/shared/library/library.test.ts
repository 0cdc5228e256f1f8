// The built-in library as a whole: every entry validates, says what it
// teaches and what to notice, sits in a group the UI can show, and has a
// lesson test that runs it (so none can silently stop teaching).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, FAILURE_MODE, findBuiltin } from '../../../src/shared/library/index.ts';
import { validateScenario } from '../../../src/shared/scenario/validate.ts';

const FAILURE_MODES = [
  'poison-message',
  'worker-crash-recovery',
  'retry-storm-no-jitter',
  'retry-storm-full-jitter',
  'double-processing-unsafe-claim',
  'stuck-jobs-no-visibility-timeout',
  'priority-starvation',
  'rate-limited-downstream',
  'overload',
  'chain-parent-dies',
  'batch-partial-failure',
  'idempotency-keys',
  'shutdown-graceful',
  'shutdown-kill-9',
  'metastable-retry-storm',
  'metastable-retry-budget',
  'metastable-circuit-breaker',
  'metastable-adaptive-throttling',
  'jitter-study',
  'retry-amplification-layers',
];
const SEED_SYSTEMS = ['php-mysql-simulator', 'laravel-notification-worker', 'laravel-database-queue', 'job-queue-spec', 'go-worker-pool'];

describe('the built-in library', () => {
  it.each(BUILTIN_SCENARIOS.map((b) => [b.key, b] as const))('%s validates with no issue', (_key, b) => {
    const result = validateScenario(b.scenario);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('has every failure mode and one preset per seed system, grouped by source', () => {
    for (const key of FAILURE_MODES) expect(findBuiltin(key)?.source, key).toBe(FAILURE_MODE);
    for (const [i, key] of SEED_SYSTEMS.entries()) expect(findBuiltin(key)?.source, key).toMatch(new RegExp(`^seed ${i + 1}: `));
  });

  it('keys, titles and scenario names are unique, and every text is filled in', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique(BUILTIN_SCENARIOS.map((b) => b.key))).toBe(true);
    expect(unique(BUILTIN_SCENARIOS.map((b) => b.title))).toBe(true);
    expect(unique(BUILTIN_SCENARIOS.map((b) => b.scenario.name ?? ''))).toBe(true);
    for (const b of BUILTIN_SCENARIOS) {
      expect(b.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const text of [b.title, b.source, b.teaches, b.notice]) expect(text.trim().length, b.key).toBeGreaterThan(0);
      // "What to notice" points at something concrete: a number, or a view or count by name.
      expect(b.notice, b.key).toMatch(/\d|Dead letters|Event log|Charts|duplicates|deduplicated|lost|inspector/);
    }
  });

  it('every built-in has a lesson test that runs it', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts') && f !== 'library.test.ts')
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const untested = BUILTIN_SCENARIOS.filter((b) => !sources.includes(`runBuiltin('${b.key}')`)).map((b) => b.key);
    expect(untested).toEqual([]);
  });
});
