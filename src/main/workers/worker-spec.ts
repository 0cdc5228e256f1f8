// How a WorkerSpec reaches a worker process: as JSON in one environment
// variable (the same for child_process.fork and Electron's utilityProcess,
// which both take `env`), validated on arrival like every message that
// crosses a process boundary.
import { z } from 'zod';
import type { WorkerSpec } from './worker-host.ts';

export const WORKER_SPEC_ENV = 'QUEUE_LAB_WORKER_SPEC';

export const workerSpecSchema = z.strictObject({
  name: z.string().min(1),
  dbFile: z.string().min(1),
  runId: z.string().min(1),
  scenarioJson: z.string().min(2),
  originMs: z.number().finite(),
  timeScale: z.number().finite().positive(),
  claimStrategy: z.enum(['skipLocked', 'forUpdate']).optional(),
  services: z.record(z.string(), z.string().regex(/^http:\/\/127\.0\.0\.1:\d+\/call$/)).optional(),
}) satisfies z.ZodType<WorkerSpec>;

export function encodeWorkerSpec(spec: WorkerSpec): string {
  return JSON.stringify(workerSpecSchema.parse(spec));
}

/** The spec from the environment, or an error saying what is wrong with it. */
export function decodeWorkerSpec(text: string | undefined): WorkerSpec {
  if (text === undefined || text === '') throw new Error(`${WORKER_SPEC_ENV} is not set; this file is started by a WorkerHost`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${WORKER_SPEC_ENV} is not JSON: ${(error as Error).message}`);
  }
  const parsed = workerSpecSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(spec)'}: ${i.message}`).join('; ');
    throw new Error(`${WORKER_SPEC_ENV} is not a valid worker spec: ${issues}`);
  }
  return parsed.data;
}
