// The entry of a live worker process, started by a WorkerHost (Node: a child
// process running its build, out/node/worker.js; Electron: a utility
// process). It reads its WorkerSpec from QUEUE_LAB_WORKER_SPEC, opens the lab
// database itself (the SQLite file or a postgres:// URL, open-live-store.ts)
// and works the run until told to stop, recycled by maxJobs, or killed.
//
// Exit codes: 0 after a graceful stop (message 'stop', SIGTERM, SIGINT, the
// parent going away) or after workers.maxJobs jobs; 1 after an error, which
// is reported first as an 'error' message. It never dies of an unhandled
// exception: the supervisor sees a clean report and a non-zero code instead.
import { scenarioSchema } from '../../shared/scenario/schema.ts';
import type { LiveStore } from '../engine/live/live-store.ts';
import { openLiveStore, redactUrl } from '../engine/live/open-live-store.ts';
import { LiveWorker } from './live-worker.ts';
import { connectToParent, type ParentChannel } from './parent-channel.ts';
import { decodeWorkerSpec, WORKER_SPEC_ENV } from './worker-spec.ts';

// An orphan's stderr is a broken pipe: a failed write must not become one
// more error to report, or reporting it writes again, forever.
let stderrBroken = false;
process.stderr.on('error', () => {
  stderrBroken = true;
});
const log = (line: string): void => {
  if (!stderrBroken) process.stderr.write(`${line}\n`);
};

let channel: ParentChannel | undefined;
let store: LiveStore | undefined;
let worker: LiveWorker | undefined;
let exiting = false;

async function exit(code: number): Promise<never> {
  exiting = true;
  try {
    await store?.close();
  } catch {
    // closing is best effort: every finished transaction is already durable
  }
  process.exit(code);
}

async function fatal(error: unknown): Promise<never> {
  if (exiting) process.exit(1);
  exiting = true;
  const message = error instanceof Error ? error.message : String(error);
  log(`error: ${error instanceof Error ? (error.stack ?? message) : message}`);
  try {
    await channel?.send({ type: 'error', message });
  } catch {
    // the parent is gone or the message could not be encoded: the exit code still tells
  }
  return exit(1);
}

process.on('uncaughtException', (error) => void fatal(error));
process.on('unhandledRejection', (reason) => void fatal(reason));
// Graceful stop, like a queue worker's SIGTERM (and Ctrl-C in a terminal,
// which reaches the whole process group): finish the jobs in hand, then exit 0.
let stopRequested = false;
const stop = (): void => {
  stopRequested = true;
  worker?.stop();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

async function main(): Promise<void> {
  channel = connectToParent(log);
  const spec = decodeWorkerSpec(process.env[WORKER_SPEC_ENV]);
  let scenarioJson: unknown;
  try {
    scenarioJson = JSON.parse(spec.scenarioJson);
  } catch (error) {
    throw new Error(`scenarioJson is not JSON: ${(error as Error).message}`);
  }
  const scenario = scenarioSchema.parse(scenarioJson);
  store = await openLiveStore(spec.dbFile, spec.runId, { claimStrategy: spec.claimStrategy });
  if (!(await store.getRun(spec.runId))) throw new Error(`no run ${spec.runId} in ${redactUrl(spec.dbFile)}`);
  const send = channel.send.bind(channel);
  worker = new LiveWorker({ spec, scenario, store, send, log });
  const w = worker;
  channel.onMessage((message) => {
    switch (message.type) {
      case 'stop':
        return w.stop();
      case 'hang':
        return w.hang();
      case 'slow':
        return w.setSlowdown(message.factor);
      case 'unsafeClaim':
        return w.setUnsafe(message.on);
      case 'clock':
        return w.setOrigin(message.originMs);
      case 'outage':
        // The worker's AttemptPolicy reads the scenario's faults and picks up
        // new ones (attempt-policy.ts), so a live outage is one more fault.
        scenario.faults.push({ kind: 'outage', jobType: message.jobType, from: message.from, to: message.to, error: message.error });
        return;
    }
  });
  // Orphaned by a supervisor that died: finish what is in hand and go, rather than work a run nobody watches.
  channel.onDisconnect(() => {
    log('the supervisor went away; stopping');
    if (w.isHung) void exit(0);
    else w.stop();
  });
  if (stopRequested) w.stop();
  await channel.send({ type: 'ready', pid: process.pid });
  const end = await w.run();
  if (end === 'maxJobs') log(`recycling after ${w.done} jobs (workers.maxJobs)`);
  await w.sendStats();
  await exit(0);
}

main().catch(fatal);
