// How every LabApi transport rejects a call, so callers can switch on `code`.
import { z } from 'zod';
import { scenarioIssueSchema } from './lab-api-shapes.ts';

export const LAB_ERROR_CODES = [
  'unknown_method', // no such method in LAB_METHODS
  'bad_params', // params do not match the method's schema; `field` names the first bad one
  'bad_message', // not JSON, or not a request envelope
  'forbidden', // the sender may not call the LabApi (an IPC message from a frame that is not the app's)
  'not_found', // no such run or job
  'not_dead', // a dead-letter action on a job that is not dead
  'no_active_run', // chaos without a running live run in this host
  'run_active', // startLive while a live run is running in this host (stop it first)
  'invalid_scenario', // the scenario has errors (`issues` lists them); nothing ran
  'disconnected', // the transport closed before the reply came
  'internal', // anything else; the message says what
] as const;
export type LabErrorCode = (typeof LAB_ERROR_CODES)[number];

export const labErrorSchema = z.object({
  code: z.enum(LAB_ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
  issues: z.array(scenarioIssueSchema).optional(),
});
export type LabErrorInfo = z.output<typeof labErrorSchema>;

export class LabApiError extends Error {
  readonly code: LabErrorCode;
  readonly field: string | undefined;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(info: LabErrorInfo) {
    super(info.message);
    this.name = 'LabApiError';
    this.code = info.code;
    this.field = info.field;
    this.issues = info.issues;
  }

  toInfo(): LabErrorInfo {
    const info: LabErrorInfo = { code: this.code, message: this.message };
    if (this.field !== undefined) info.field = this.field;
    if (this.issues !== undefined) info.issues = this.issues;
    return info;
  }
}
