// Chaos fired by hand on the active live run, for both doors into the host:
// POST /chaos (seed-endpoints.ts) and the LabApi's `chaos` method
// (lab-api-server.ts). Both validate the params with the shared schema first;
// this checks what only the run knows (is there one, is it still running,
// how many workers it has) and calls its ChaosControl.
import { z } from 'zod';
import { chaosFields, type ChaosParams } from '../../shared/lab-api/lab-api.ts';
import type { ActiveRun, ChaosOutcome } from './active-run.ts';

/** The REST body of POST /chaos: the LabApi's params, with hold_ms in the seeds' snake_case. */
export const chaosBodySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('kill'), worker: chaosFields.worker }),
  z.strictObject({ action: z.literal('hang'), worker: chaosFields.worker, seconds: chaosFields.seconds.nullable().default(null) }),
  z.strictObject({ action: z.literal('slow'), worker: chaosFields.worker, factor: chaosFields.factor }),
  z.strictObject({ action: z.literal('unsafe_claim'), on: chaosFields.on }),
  z.strictObject({ action: z.literal('lock_contention'), seconds: chaosFields.lockSeconds, hold_ms: chaosFields.holdMs.default(200) }),
]);

export function chaosParamsOfBody(body: z.output<typeof chaosBodySchema>): ChaosParams {
  if (body.action !== 'lock_contention') return body;
  return { action: body.action, seconds: body.seconds, holdMs: body.hold_ms };
}

/** Why chaos was refused: 400 names the field, 409 means no running live run. */
export class ChaosRefused extends Error {
  constructor(
    readonly status: 400 | 409,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ChaosRefused';
  }
}

export function fireChaos(run: ActiveRun | null, params: ChaosParams): ChaosOutcome {
  if (!run) throw new ChaosRefused(409, undefined, 'no live run is active; start one with `queue-lab serve --run FILE` (GET /health says which run is active)');
  const chaos = run.chaos;
  if (!chaos) throw new ChaosRefused(409, undefined, `run ${run.runId} has no chaos controls: its workers are not run by this host`);
  if (!chaos.isRunning()) throw new ChaosRefused(409, undefined, `run ${run.runId} has ended; chaos needs a running live run`);
  if ('worker' in params && params.worker > chaos.workers) {
    throw new ChaosRefused(400, 'worker', `worker: this run has workers 1..${chaos.workers}, got ${params.worker}`);
  }
  switch (params.action) {
    case 'kill':
      return chaos.killWorker(params.worker);
    case 'hang':
      return chaos.hangWorker(params.worker, params.seconds);
    case 'slow':
      return chaos.slowWorker(params.worker, params.factor);
    case 'unsafe_claim':
      return chaos.setUnsafeClaim(params.on);
    case 'lock_contention':
      return chaos.lockContention(params.holdMs, params.seconds);
  }
}
