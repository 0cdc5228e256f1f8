// queue-lab serve: the lab in a browser. HTTP + WebSocket on 127.0.0.1 (another
// address only when asked, with a loud warning), the LabApi at /api/ws, and
// with --run FILE a live run of that scenario whose jobs students can enqueue
// with curl (POST /jobs, GET /stats, ...). Ctrl-C stops it gracefully.
// --db (or QUEUE_LAB_DB) is a SQLite lab file or a PostgreSQL server
// (postgres://...): on a server, students' laptops join the live runs with
// `queue-lab worker --db URL --run RUN_ID`. The database is opened (and its
// tables created or upgraded) before the port, so a bad URL, a refused
// connection or wrong credentials end the command in one line.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { liveWorkersProblem } from '../../../shared/live/run-caps.ts';
import { createChaosControl, type LiveChaos } from '../../engine/live/chaos-control.ts';
import { runLive, type LiveRunOptions } from '../../engine/live/run-live.ts';
import { builtCode } from '../../paths/built-code.ts';
import { defaultDbPath } from '../../paths/default-db-path.ts';
import { dbTarget, targetLabel } from '../../engine/store/open-store.ts';
import { openLabStore } from '../../web/lab-store.ts';
import { UiNotBuiltError } from '../../web/static-files.ts';
import { startWebHost, type WebHost } from '../../web/web-host.ts';
import { NodeWorkerHost } from '../../workers/node-worker-host.ts';
import { EXIT, UsageError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { printIssues, resolveScenario } from '../resolve-scenario.ts';
import { SERVE_USAGE } from '../usage.ts';

export async function serveCommand(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    // QUEUE_LAB_PORT: the port for `npm start`, which passes no flags (tests set 0: a free port).
    port: { type: 'string', default: process.env.QUEUE_LAB_PORT || '4780' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string' },
    run: { type: 'string' },
    'time-scale': { type: 'string', default: '0.05' },
    'allowed-host': { type: 'string', multiple: true, default: [] },
  }, SERVE_USAGE);
  if (positionals.length) throw new UsageError(`serve takes no arguments, got "${positionals[0]}"\n\n${SERVE_USAGE}`);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port${values.port === process.env.QUEUE_LAB_PORT ? ' (from QUEUE_LAB_PORT)' : ''}: expected an integer 0..65535, got "${values.port}"`);
  const timeScale = Number(values['time-scale']);
  if (!Number.isFinite(timeScale) || timeScale <= 0 || timeScale > 100) throw new UsageError(`--time-scale: expected a number > 0 and <= 100, got "${values['time-scale']}"`);
  const allowedHosts = values['allowed-host'].flatMap((list) => list.split(',')).map((name) => name.trim());
  const badHost = allowedHosts.find((name) => !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(name));
  if (badHost !== undefined) throw new UsageError(`--allowed-host: expected a host name (letters, digits, dots, dashes; no port), got "${badHost}"`);
  const scenario = values.run === undefined ? null : await resolveScenario(values.run);
  if (scenario && !scenario.ok) {
    printIssues(scenario.source, scenario.issues, io.err);
    return EXIT.badInput;
  }
  const tooMany = scenario?.ok ? liveWorkersProblem(scenario.scenario.workers.count) : null;
  if (tooMany) {
    io.err(`${scenario!.source}: workers.count: ${tooMany}`);
    return EXIT.badInput;
  }
  const target = dbTarget(values.db ?? defaultDbPath());
  if (target.kind === 'sqlite' && values.db === undefined) mkdirSync(dirname(target.file), { recursive: true });
  const lab = await openLabStore(target); // fails early, with plain words, on a bad file or server
  let host: WebHost;
  try {
    host = await startWebHost({ store: lab.store, host: values.host, port, allowedHosts, staticDir: builtCode.renderer(), log: io.err });
  } catch (error) {
    await lab.close();
    if (!(error instanceof UiNotBuiltError)) throw error;
    io.err(`queue-lab serve: ${error.message}`);
    return EXIT.runFailed;
  }
  io.out(`Queue Lab is serving on ${host.url}  (database ${targetLabel(target)})`);
  const abort = new AbortController();
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      abort.abort();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop);
  });
  try {
    if (scenario?.ok) {
      io.out(`live run of "${scenario.scenario.name}" started; try: curl ${host.url}stats`);
      let chaos: LiveChaos | undefined;
      const runStore = await lab.store.openLiveRun();
      const summary = await runLive(scenario.scenario, {
        ...runStore.options,
        host: new NodeWorkerHost(),
        timeScale,
        signal: abort.signal,
        onStarted: (c) => {
          chaos = createChaosControl(c);
          host.setActiveRun({ runId: c.runId, store: c.store, scenario: scenario.scenario, now: () => c.clock.now(), chaos });
          if (lab.store.kind === 'postgres') io.out(`other machines join it with: queue-lab worker --db ${targetLabel(target)} --run ${c.runId} --name NAME`);
        },
      } satisfies LiveRunOptions).finally(() => runStore.close());
      // The run's workers are gone: its data stays served, chaos is refused (409).
      chaos?.close();
      if (summary.status === 'interrupted') io.out(`live run ${summary.run_id} stopped; \`queue-lab resume ${summary.run_id}\` finishes it`);
      else io.out(`live run ${summary.run_id} finished: ${summary.jobs.succeeded} succeeded, ${summary.jobs.dead} dead; still serving (Ctrl-C stops)`);
    }
    await stopped;
    return EXIT.ok;
  } finally {
    host.setActiveRun(null);
    await host.close(); // closes the lab's store too
    await lab.close();
  }
}
