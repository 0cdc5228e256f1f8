// The web host for the HTTP enqueue row of bench/drain-vs-peers.ts, in a
// process of its own (as `queue-lab serve` runs it): startWebHost on
// 127.0.0.1 with an ephemeral port, plus a live run whose store lives in this
// process, set as the active run the way `serve --run` does. No worker runs:
// the row measures POST /jobs alone. Says {type: 'ready', url, runId} when it
// listens and closes on {type: 'stop'}. With BENCH_CPU_PROF_DIR set it is
// profiled (cpu-profile.ts, imported first).
import './cpu-profile.ts';
import { openDatabase } from '../../src/main/engine/store/open-database.ts';
import { SqliteQueueStore } from '../../src/main/engine/store/queue-store.ts';
import { startWebHost } from '../../src/main/web/web-host.ts';
import { scenarioSchema } from '../../src/shared/scenario/schema.ts';

const file = process.env.BENCH_DB_FILE;
const scenarioJson = process.env.BENCH_SCENARIO_JSON;
if (!file || !scenarioJson || typeof process.send !== 'function') {
  console.error('http-enqueue-host: started without BENCH_DB_FILE, BENCH_SCENARIO_JSON or an IPC channel (run by bench/drain-vs-peers.ts)');
  process.exit(2);
}

const scenario = scenarioSchema.parse(JSON.parse(scenarioJson));
const runId = 'bench-http';
const db = openDatabase(file);
const store = new SqliteQueueStore(db, runId);
store.createRun({ id: runId, scenario: scenario.name, scenarioJson: JSON.stringify(scenario), mode: 'live', seed: scenario.seed });
const originMs = Date.now();
const host = await startWebHost({ dbFile: file, log: (line) => console.error(line) });
host.setActiveRun({ runId, store, scenario, now: () => (Date.now() - originMs) / 1000 });

process.on('message', (message: { type?: string }) => {
  if (message?.type !== 'stop') return;
  host.setActiveRun(null);
  void host.close().then(() => {
    db.close();
    process.exit(0);
  });
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready', url: host.url, runId });
