// The jitter study's built-in sweep over the number of clients reproduces
// Brooker's charts' ordering at every client count (Brooker 2015, "Exponential
// Backoff and Jitter": jitter cuts the calls by more than half against plain
// exponential backoff): full jitter's calls are at most half of no jitter's
// once the clients contend (50 and more here; at 10 and 25 clients few
// collide and the strategies come close, as at the left end of his charts:
// there full jitter is still below no jitter, and finishes far sooner).
// Run as the CLI and the lab run it: planned by planSweep, each cell an instant run.
import { describe, expect, it } from 'vitest';
import { runInstant } from '../../../src/main/engine/run-instant.ts';
import { planSweep } from '../../../src/main/sweep/sweep-plan.ts';
import { findBuiltinSweep, JITTER_SWEEP_CLIENTS } from '../../../src/shared/library/builtin-sweeps.ts';
import { varyPathKeys } from '../../../src/main/sweep/sweep-plan.ts';
import { scenario } from '../../main/engine/instant/run-helpers.ts';

describe('built-in sweep jitter-study-clients', () => {
  it('full jitter makes at most half the calls of no jitter from 50 clients, fewer at every count, and no jitter grows faster than linearly', () => {
    const sweep = findBuiltinSweep('jitter-study-clients')!;
    const tasks = planSweep(scenario(sweep.scenario), sweep.vary.map((v) => ({ ...v, keys: varyPathKeys(v.path, v.path) })), 1);
    expect(tasks).toHaveLength(JITTER_SWEEP_CLIENTS.length * 4);
    const cells = new Map<string, { calls: number; finish: number }>();
    for (const t of tasks) {
      const s = runInstant(t.scenario);
      expect(s.jobs.succeeded, JSON.stringify(t.values)).toBe(t.values['producers[0].count']);
      cells.set(`${t.values['producers[0].count']} ${t.values['retry.jitter']}`, { calls: s.downstream!.calls, finish: s.downstream!.services.row!.last_call_s });
    }
    const table = JSON.stringify(Object.fromEntries(cells));
    for (const n of JITTER_SWEEP_CLIENTS) {
      const none = cells.get(`${n} none`)!;
      const full = cells.get(`${n} full`)!;
      expect(full.calls, `${n} clients: ${table}`).toBeLessThanOrEqual(n >= 50 ? none.calls / 2 : none.calls);
      expect(full.finish, `${n} clients: ${table}`).toBeLessThan(none.finish);
    }
    // Quadratic against about linear: 20 times the clients, far more than 20 times the calls without jitter.
    const [few, many] = [JITTER_SWEEP_CLIENTS[0]!, JITTER_SWEEP_CLIENTS[JITTER_SWEEP_CLIENTS.length - 1]!];
    expect(cells.get(`${many} none`)!.calls / cells.get(`${few} none`)!.calls, table).toBeGreaterThan(2 * (many / few));
  }, 120_000);
});
