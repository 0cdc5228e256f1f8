// One plainjob worker process for bench/drain-vs-peers.ts: plainjob's own
// worker loop (defineWorker + start) on the same better-sqlite3 file the
// bench prefilled, with a no-op handler. It says {type: 'ready'} to the
// parent once its queue is defined (schema checked, statements prepared),
// just before the loop starts, and stops on {type: 'stop'}.
//
// The logger is silent: plainjob logs a debug line per job to `console` by
// default, and printing 100k lines through a pipe would measure the pipe.
// Any production setup runs it with a logger at info level or above.
import Database from 'better-sqlite3';
import { better, defineQueue, defineWorker, type Logger } from 'plainjob';

const file = process.env.BENCH_DB_FILE;
const jobType = process.env.BENCH_JOB_TYPE ?? 'noop';
if (!file || typeof process.send !== 'function') {
  console.error('plainjob-worker: started without BENCH_DB_FILE or an IPC channel (run by bench/drain-vs-peers.ts)');
  process.exit(2);
}

const quiet = (): void => {};
const logger: Logger = { error: (message, ...meta) => console.error(message, ...meta), warn: quiet, info: quiet, debug: quiet };

const connection = better(new Database(file));
const queue = defineQueue({ connection, logger });
const worker = defineWorker(jobType, async () => {}, { queue, logger });

process.on('message', (message: { type?: string }) => {
  if (message?.type !== 'stop') return;
  void worker.stop().then(() => {
    queue.close();
    process.exit(0);
  });
});
process.on('disconnect', () => process.exit(0));

process.send({ type: 'ready', pid: process.pid });
worker.start().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
