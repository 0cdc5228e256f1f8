// How the supervisor starts worker processes, whatever the platform: Node's
// child_process.fork here (node-worker-host.ts), Electron's
// utilityProcess.fork in src/main/electron. Exits are normalised; the fate of
// a job is decided by its lease in the database, never by an exit code.
import type { FromWorker, ToWorker } from '../../shared/live/worker-messages.ts';

/** Everything a worker process needs to work a live run on its own. */
export interface WorkerSpec {
  /** w1, w2, ...: the name it claims under (lease_owner, attempts.worker). */
  name: string;
  /** The lab database: a SQLite file, or a postgres:// URL. */
  dbFile: string;
  runId: string;
  /** The resolved scenario (defaults filled in), as JSON. */
  scenarioJson: string;
  /** Wall-clock epoch ms at scenario time 0. */
  originMs: number;
  /** Wall seconds per scenario second (0.05: a 60 s lease lasts 3 s). */
  timeScale: number;
  /** PostgreSQL only: how claims lock rows (skipLocked unless the claim-race lesson says forUpdate). */
  claimStrategy?: 'skipLocked' | 'forUpdate';
  /** The run's HTTP services by name (README.md "Services"): the URL each call goes to. */
  services?: Record<string, string>;
}

export interface WorkerExit {
  code: number | null;
  signal: string | null;
  reason: 'exited' | 'crashed' | 'killed';
}

export interface WorkerHandle {
  readonly name: string;
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  /** SIGKILL: the process dies mid-job, as a real crash does. */
  kill(): void;
  /** SIGTERM: graceful (finish the current job, then exit). */
  terminate(): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
}

export interface WorkerHost {
  start(spec: WorkerSpec): WorkerHandle;
}
