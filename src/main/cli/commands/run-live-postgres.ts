// `queue-lab run SCENARIO --mode live --db postgres://...`: the live run on a
// PostgreSQL server, where workers on other machines can join it
// (`queue-lab worker --db URL --run RUN_ID`). The same run loop as on a SQLite
// file; the host and its worker processes each open their own connections.
// A connection, credential or schema problem surfaces as one line from the
// first open (open-postgres.ts), before any worker starts.
import type { Scenario } from '../../../shared/scenario/schema.ts';
import type { LiveStore } from '../../engine/live/live-store.ts';
import { openLiveStore } from '../../engine/live/open-live-store.ts';
import { runLive } from '../../engine/live/run-live.ts';
import { openRunReads, targetLabel, type DbTarget } from '../../engine/store/open-store.ts';
import type { ClaimStrategy } from '../../engine/store/postgres/claim-strategy.ts';
import { writeReport } from '../../report/write-report.ts';
import { NodeWorkerHost } from '../../workers/node-worker-host.ts';
import { EXIT } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { formatSummary } from '../format-summary.ts';
import { ProgressBar } from '../progress-bar.ts';

export interface PostgresRunOptions {
  timeScale: number;
  workers: number | undefined;
  claimStrategy: ClaimStrategy | undefined;
  json: boolean;
  report: string | undefined;
}

export async function runLiveOnPostgres(scenario: Scenario, target: Extract<DbTarget, { kind: 'postgres' }>, o: PostgresRunOptions, io: CliIo): Promise<number> {
  const opened: LiveStore[] = [];
  const bar = new ProgressBar();
  const label = targetLabel(target);
  try {
    const summary = await runLive(scenario, {
      store: async (runId) => {
        const store = await openLiveStore(target.url, runId, o.claimStrategy ? { claimStrategy: o.claimStrategy } : {});
        opened.push(store);
        return store;
      },
      host: new NodeWorkerHost(),
      timeScale: o.timeScale,
      workers: o.workers,
      ...(o.claimStrategy ? { claimStrategy: o.claimStrategy } : {}),
      // Counting costs the server a read of the open jobs: only for a bar that is drawn.
      ...(bar.enabled ? { onProgress: (done: number, total: number, t: number) => bar.update(done, total, `${done}/${total} jobs, t = ${t.toFixed(1)} s`) } : {}),
    });
    bar.done();
    let report: { path: string } | null = null;
    if (o.report !== undefined) {
      const reads = await openRunReads(target, true);
      try {
        report = await writeReport(reads.reads, summary.run_id, 'html', o.report, label);
      } finally {
        await reads.close();
      }
    }
    if (o.json) io.out(JSON.stringify(summary));
    else io.out(formatSummary(summary) + `  database  ${label}\n` + (report ? `  report    ${report.path}\n` : ''));
    return EXIT.ok;
  } finally {
    bar.done();
    for (const store of opened) await store.close();
  }
}
