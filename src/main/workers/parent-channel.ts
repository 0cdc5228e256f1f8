// The worker's side of the message channel, whichever way it was started:
// child_process.fork gives it process.send / process.on('message'), Electron's
// utilityProcess.fork gives it process.parentPort. Incoming messages are
// validated here with toWorkerSchema; invalid ones are dropped and logged.
import { fromWorkerSchema, toWorkerSchema, type FromWorker, type ToWorker } from '../../shared/live/worker-messages.ts';

export interface ParentChannel {
  /** Resolves once the message has been handed to the channel (or the channel is gone). */
  send(message: FromWorker): Promise<void>;
  onMessage(listener: (message: ToWorker) => void): void;
  /** The parent went away (Node IPC only): the worker should stop. */
  onDisconnect(listener: () => void): void;
}

/** Electron's utility-process port, typed just enough to use it without importing electron. */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToParent(log: (line: string) => void): ParentChannel {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  const accept = (raw: unknown, listener: (message: ToWorker) => void): void => {
    const parsed = toWorkerSchema.safeParse(raw);
    if (parsed.success) listener(parsed.data);
    else log(`dropped an invalid message from the supervisor: ${JSON.stringify(raw)?.slice(0, 200)}`);
  };
  const checked = (message: FromWorker): FromWorker => fromWorkerSchema.parse(message);

  if (port) {
    return {
      send(message) {
        port.postMessage(checked(message));
        return Promise.resolve();
      },
      onMessage(listener) {
        port.on('message', (event) => accept(event.data, listener));
      },
      onDisconnect() {
        // utilityProcess children are ended by Electron with their parent.
      },
    };
  }

  if (typeof process.send !== 'function') {
    throw new Error('no channel to a supervisor: start this worker with a WorkerHost (child_process.fork with an IPC channel)');
  }
  return {
    send(message) {
      const body = checked(message);
      return new Promise<void>((resolve) => {
        if (!process.connected || !process.send) return resolve();
        try {
          process.send(body, undefined, undefined, () => resolve());
        } catch {
          resolve(); // the parent closed the channel meanwhile: nobody to tell
        }
      });
    },
    onMessage(listener) {
      process.on('message', (raw: unknown) => accept(raw, listener));
    },
    onDisconnect(listener) {
      process.on('disconnect', listener);
    },
  };
}
