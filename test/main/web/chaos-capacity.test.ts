// A capacity drop fired live (README.md "Services": outages and capacity
// drops are windows on a service, scheduled in the file or fired live):
// through the LabApi and POST /chaos on a run started with startLive, with
// real worker processes calling the run's HTTP service. The drop takes the
// service's slots away, so calls queue and time out; it is written as a
// fault_started/fault_ended pair and the run's verdict judges it as its trigger.
import { afterEach, describe, expect, it } from 'vitest';
import { LabApiError } from '../../../src/shared/lab-api/lab-api.ts';
import type { RunSummary } from '../../../src/shared/metrics/run-summary.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { cleanUp, eventually, onCleanUp, openLab, startHost } from './web-helpers.ts';

afterEach(cleanUp);

async function post(base: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(new URL('/chaos', base), { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * Half the service's capacity in use (10 calls/s on 4 slots of 0.2 s), one
 * attempt per job and 1.5 s call timeouts: at full capacity a call waits for
 * no slot; at a quarter (1 slot, 5 calls/s) the line grows by 5 a second and
 * from about 1.5 s into the drop calls time out.
 * 27 scenario seconds of arrivals (the verdict measures 5 s before the drop
 * and from 10 s after it), 11 wall seconds at time scale 0.4: a call's 1.5 s
 * is 600 ms of wall time, room enough on a loaded machine.
 */
const HALF_LOADED: ScenarioInput = {
  name: 'capacity drop fired live',
  seed: 8,
  services: { api: { concurrency: 4, serviceTime: { kind: 'constant', value: 0.2 } } },
  jobTypes: { request: { timeout: 1.5, calls: { service: 'api' } } },
  producers: [{ jobType: 'request', count: 270, arrival: { kind: 'constant', rate: 10 } }],
  workers: { count: 2, concurrency: 10 },
  retry: { maxAttempts: 1 },
};

describe('chaos: a capacity drop fired live', () => {
  it('bad params name the field; a drop to 25% makes calls time out, is in the event log and is the verdict\'s trigger', { timeout: 180_000 }, async () => {
    const host = await startHost();
    const { runId } = await host.labApi.startLive({ scenario: HALF_LOADED as Record<string, unknown>, timeScale: 0.4 });
    const reader = openLab(host.dbFile);
    onCleanUp(() => void reader.close());

    // Bad input: the field is named, over REST and the LabApi; nothing is fired.
    expect(await post(host.url, { action: 'capacity_drop', service: 'db', capacity: 0.5, seconds: 5 })).toEqual({
      status: 400, body: { error: 'service: unknown service "db"; this run has api' },
    });
    const tooMuch = await post(host.url, { action: 'capacity_drop', service: 'api', capacity: 1.5, seconds: 5 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error).toMatch(/^capacity: /);
    const noTime = await post(host.url, { action: 'capacity_drop', service: 'api', capacity: 0.5, seconds: 0 });
    expect(noTime.status).toBe(400);
    expect(noTime.body.error).toMatch(/^seconds: /);
    await expect(host.labApi.chaos({ action: 'capacity_drop', service: 'api', capacity: -0.1, seconds: 5 })).rejects.toMatchObject({ code: 'bad_params', field: 'capacity' });
    await expect(host.labApi.chaos({ action: 'capacity_drop', service: 'db', capacity: 0.5, seconds: 5 })).rejects.toBeInstanceOf(LabApiError);

    // Fired at about t=5 s, after calls have gone through at full capacity.
    const lastEnd = reader.prepare(`SELECT MAX(ended_at) FROM attempts WHERE run_id = ?`).pluck();
    await eventually(() => ((lastEnd.get(runId) as number | null) ?? 0) >= 5, 'five seconds of calls', 60_000);
    const fired = await host.labApi.chaos({ action: 'capacity_drop', service: 'api', capacity: 0.25, seconds: 6 });
    expect(fired).toMatchObject({ ok: true, detail: expect.stringMatching(/^api runs with 1 of 4 slots until t=\d+\.\d$/) });

    await eventually(() => (reader.prepare(`SELECT status FROM runs WHERE id = ?`).pluck().get(runId) as string) !== 'running', 'the run to end', 90_000);
    const events = reader
      .prepare(`SELECT kind, t, detail FROM events WHERE run_id = ? AND kind IN ('fault_started', 'fault_ended') ORDER BY seq`)
      .all(runId) as { kind: string; t: number; detail: string }[];
    const label = 'capacity service api: 1 of 4 slots for 6 s (chaos)';
    expect(events.map((e) => `${e.kind} ${e.detail}`)).toEqual([`fault_started ${label}`, `fault_ended ${label}`]);
    const [from, to] = [events[0]!.t, events[1]!.t];
    expect(to - from).toBeCloseTo(6, 0);

    // Calls time out while the drop lasts, many times more often than before it
    // (a loaded machine can make a stray call late, the more so while the
    // workers start in the first 2 s: compared as rates from t=2 s).
    const timeouts = reader.prepare(`SELECT started_at FROM attempts WHERE run_id = ? AND outcome = 'timeout'`).pluck().all(runId) as number[];
    const before = timeouts.filter((t) => t >= 2 && t < from).length;
    const during = timeouts.filter((t) => t >= from && t < to).length;
    const said = JSON.stringify({ from, to, timeouts });
    expect(during, said).toBeGreaterThanOrEqual(10);
    expect(during / (to - from), said).toBeGreaterThan(2 * (before / (from - 2)));

    // The verdict judged the fired drop as the trigger (the scenario has none of its own).
    const summary = JSON.parse(reader.prepare(`SELECT summary_json FROM runs WHERE id = ?`).pluck().get(runId) as string) as RunSummary;
    expect(summary.verdict?.trigger).toEqual({ from, to: expect.closeTo(to, 1), label: 'service api at 25% capacity' });
    // Judged (recovered, unless a loaded machine slowed the end of the run): not 'none', which a run without a trigger gets.
    expect(summary.verdict?.kind, summary.verdict?.note).not.toBe('none');
  });
});
