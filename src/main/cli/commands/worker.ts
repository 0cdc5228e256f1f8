// queue-lab worker --run RUN_ID [--db FILE|postgres://...] [--count N] [--name NAME]
// Joins a running live run with N more worker processes (join-run.ts). Ctrl-C
// or SIGTERM: they finish the jobs in hand, then the command exits 0; it also
// exits 0 when the run ends. Exit 2: no such run, not a live run, bad flags;
// exit 1: the run is not running, or the database failed.
import { hostname } from 'node:os';
import { joinRun } from '../../engine/live/join-run.ts';
import { openLiveStore, redactUrl } from '../../engine/live/open-live-store.ts';
import { defaultDbPath } from '../../paths/default-db-path.ts';
import { NodeWorkerHost } from '../../workers/node-worker-host.ts';
import { EXIT, UsageError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { WORKER_USAGE } from '../usage.ts';

const MAX_WORKERS = 64;

export async function workerCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    run: { type: 'string' },
    count: { type: 'string', default: '1' },
    name: { type: 'string' },
  }, WORKER_USAGE);
  if (positionals.length > 0) throw new UsageError(`worker takes no positional arguments, got "${positionals[0]}"\n\n${WORKER_USAGE}`);
  if (values.run === undefined || values.run === '') throw new UsageError(`--run: the id of the live run to join (required)\n\n${WORKER_USAGE}`);
  const count = Number(values.count);
  if (!/^\d+$/.test(values.count) || count < 1 || count > MAX_WORKERS) throw new UsageError(`--count: expected an integer 1..${MAX_WORKERS}, got "${values.count}"`);
  const name = values.name ?? hostname();
  if (!/^[\w.-]{1,40}$/.test(name)) throw new UsageError(`--name: letters, digits, '.', '_' or '-' (at most 40), got "${name}"`);
  const location = values.db ?? defaultDbPath();
  const store = await openLiveStore(location, values.run);
  const leave = new AbortController();
  const onSignal = (signal: string): void => {
    if (!leave.signal.aborted) io.err(`queue-lab worker: ${signal}: the workers finish their jobs in hand, then leave`);
    leave.abort();
  };
  const onInt = (): void => onSignal('SIGINT');
  const onTerm = (): void => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    const result = await joinRun({ store, host: new NodeWorkerHost(), count, name, signal: leave.signal, log: (line) => io.err(`queue-lab worker: ${line}`) });
    const why = leave.signal.aborted ? 'left on request' : result.status === 'running' ? 'every worker stopped' : `the run is ${result.status}`;
    io.out(`${result.workers.join(', ') || 'no workers'}: ${result.jobsDone} jobs done in run ${values.run} (${redactUrl(location)}); ${why}`);
    return EXIT.ok;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    await store.close();
  }
}
