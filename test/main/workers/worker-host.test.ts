// The WorkerHost conformance suite on Node's child_process.fork.
import { NodeWorkerHost } from '../../../src/main/workers/node-worker-host.ts';
import { describeWorkerHost } from './worker-host-suite.ts';

describeWorkerHost('NodeWorkerHost', () => new NodeWorkerHost());
