// Determinism holds for the overload model's outcomes (issue 13: "Determinism
// ... hold[s] for the new outcomes"): every built-in whose jobs call services
// (call timeouts, refusals by a full queue or an outage, budgets, breakers,
// throttling, layers) gives a byte-identical event log when run twice with
// the same seed, each into its own lab file.
import { afterEach, describe, expect, it } from 'vitest';
import { runInstant } from '../../../../src/main/engine/run-instant.ts';
import type { DB } from '../../../../src/main/engine/store/open-database.ts';
import { eventLine } from '../../../../src/shared/events.ts';
import { BUILTIN_SCENARIOS } from '../../../../src/shared/library/index.ts';
import { cleanup, scenario, tempDb, type EventRow } from './run-helpers.ts';

afterEach(cleanup);

/** The run's events as the canonical lines event_log_sha256 hashes, with the reason each carries. */
function eventText(db: DB, runId: string): string {
  const rows = db
    .prepare('SELECT seq, t, job, kind, from_state, to_state, worker, detail, reason FROM events WHERE run_id = ? ORDER BY seq')
    .all(runId) as (EventRow & { reason: string | null })[];
  return rows.map((r) => `${r.reason ?? '-'} ${eventLine({ seq: r.seq, t: r.t, job: r.job, kind: r.kind, from: r.from_state, to: r.to_state, worker: r.worker, detail: r.detail })}`).join('');
}

const OVERLOAD = BUILTIN_SCENARIOS.filter((b) => Object.keys(b.scenario.services ?? {}).length > 0);

describe('instant runs of the overload built-ins are deterministic', () => {
  it('covers every built-in with services', () => {
    expect(OVERLOAD.map((b) => b.key)).toEqual(expect.arrayContaining([
      'metastable-retry-storm', 'metastable-retry-budget', 'metastable-circuit-breaker', 'metastable-adaptive-throttling', 'jitter-study', 'retry-amplification-layers',
    ]));
  });

  it.each(OVERLOAD.map((b) => [b.key, b] as const))('%s: the same seed gives a byte-identical event log', (_key, builtin) => {
    const s = scenario(builtin.scenario);
    const [a, b] = [tempDb().db, tempDb().db];
    const first = runInstant(s, { db: a, runId: 'first' });
    const second = runInstant(s, { db: b, runId: 'second' });
    const text = eventText(a, 'first');
    expect(text.length).toBeGreaterThan(0);
    // Compared as text (not only the hash) so a difference shows where it is.
    expect(eventText(b, 'second') === text, 'the two event logs differ').toBe(true);
    expect(second.event_log_sha256).toBe(first.event_log_sha256);
    expect(second.downstream).toEqual(first.downstream);
    expect(second.verdict).toEqual(first.verdict);
  }, 60_000);
});
