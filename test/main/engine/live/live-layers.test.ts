// Retries multiply across layers in live mode too (README.md "Services",
// the retry-amplification-layers lesson): the job retries its call to
// `frontend`, frontend retries `middle` and middle retries `storage`, each
// over real HTTP between the host's service servers, while storage is down.
// 3 attempts at each of 3 layers: 3, 9 and 27 calls per job, as in instant mode.
import { afterEach, describe, expect, it } from 'vitest';
import { runInstant } from '../../../../src/main/engine/run-instant.ts';
import { runLive } from '../../../../src/main/engine/live/run-live.ts';
import { NodeWorkerHost } from '../../../../src/main/workers/node-worker-host.ts';
import { retryAmplificationLayers } from '../../../../src/shared/library/failure-modes/retry-work.ts';
import type { ScenarioInput } from '../../../../src/shared/scenario/schema.ts';
import { cleanup, scenario, tempDb } from '../instant/run-helpers.ts';

afterEach(cleanup);

/** The built-in's layers and policies, 4 jobs instead of 200 and short backoffs, so that it runs in a few seconds. */
function layersSmall(): ScenarioInput {
  const built = retryAmplificationLayers.scenario;
  return {
    ...built,
    producers: [{ jobType: 'request', count: 4, arrival: { kind: 'constant', rate: 20 } }],
    workers: { count: 1, concurrency: 4 },
    retry: { maxAttempts: 3, backoff: { kind: 'fixed', initial: 0.1 }, jitter: 'none' },
  };
}

describe('layered services in live mode', { timeout: 60_000 }, () => {
  it('each layer retries its own call over HTTP: 3, 9 and 27 calls per job while the bottom is down, as in instant mode', async () => {
    const s = scenario(layersSmall());
    const { db } = tempDb();
    const live = await runLive(s, { db, host: new NodeWorkerHost({ log: () => {} }), timeScale: 1, runId: 'live', startLeadMs: 300, maxWallSeconds: 40 });
    const instant = runInstant(s, { db, runId: 'instant' });
    const perJob = (d: typeof live.downstream) => Object.fromEntries(Object.entries(d!.services).map(([name, f]) => [name, f.amplification]));
    expect(live.status).toBe('completed');
    expect(perJob(live.downstream), JSON.stringify(live.downstream)).toEqual({ frontend: 3, middle: 9, storage: 27 });
    expect(perJob(instant.downstream)).toEqual(perJob(live.downstream));
    expect(live.downstream!.amplification).toBe(39);
    // Every call to storage was refused at once (503); every job ended in the dead-letter table after its 3 attempts.
    expect(live.downstream!.services.storage!.rejected).toBe(27 * 4);
    expect(live.jobs.dead).toBe(4);
    const errors = db.prepare<[], string>(`SELECT last_error FROM jobs WHERE run_id = 'live'`).pluck().all();
    expect(errors.every((e) => /frontend failed: .*its call to middle failed 3 times/.test(e)), errors.join('\n')).toBe(true);
  });
});
