// One BullMQ worker process for bench/drain-vs-peers.ts: a Worker with
// concurrency 1 and a no-op processor on the Redis server the bench started.
// Everything else is BullMQ's default (completed jobs are kept, as ours and
// plainjob keep theirs; stalled-job checks on). It says {type: 'ready'} to
// the parent once its Redis connection is up, just before the loop starts,
// and closes gracefully on {type: 'stop'}.
import { Worker } from 'bullmq';

const port = Number(process.env.BENCH_REDIS_PORT);
const queueName = process.env.BENCH_QUEUE ?? 'bench';
if (!Number.isInteger(port) || typeof process.send !== 'function') {
  console.error('bullmq-worker: started without BENCH_REDIS_PORT or an IPC channel (run by bench/drain-vs-peers.ts)');
  process.exit(2);
}

const worker = new Worker(queueName, async () => {}, {
  connection: { host: '127.0.0.1', port },
  concurrency: 1,
  autorun: false,
});
worker.on('error', (error) => console.error(`bullmq-worker: ${error.message}`));

process.on('message', (message: { type?: string }) => {
  if (message?.type !== 'stop') return;
  void worker.close().then(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));

await worker.waitUntilReady();
process.send({ type: 'ready', pid: process.pid });
await worker.run();
