// LabApi errors across Electron's contextBridge. The bridge copies an Error
// that crosses it but keeps only its message (custom fields such as `code`
// are dropped; see Electron's context-bridge docs), so the preload writes the
// code and field into the message ("[not_found runId] no run ..."), and a
// scenario's issue list on a last line ("\n[issues] [...]"), and the
// renderer turns such an Error back into a LabApiError with
// rehydrateLabApi(window.lab). Over the WebSocket errors arrive whole; the
// wrapper passes a LabApiError through untouched.
import { LabApiError, LAB_ERROR_CODES, type LabErrorCode, type LabErrorInfo } from './lab-api-error.ts';
import { LAB_METHOD_NAMES, type LabApi } from './lab-api.ts';

// The field may hold brackets (vary[0].values): it ends at the first "] ".
const TAGGED = /^\[([a-z_]+)(?: (\S+?))?\] ([\s\S]*)$/;
const ISSUES = '\n[issues] ';

/** The message a LabApiError carries across the bridge. */
export function bridgeMessage(info: LabErrorInfo): string {
  const issues = info.issues === undefined ? '' : `${ISSUES}${JSON.stringify(info.issues)}`;
  return `[${info.code}${info.field === undefined ? '' : ` ${info.field}`}] ${info.message}${issues}`;
}

function splitIssues(text: string): { message: string; issues?: { path: string; message: string }[] } {
  const at = text.lastIndexOf(ISSUES);
  if (at < 0) return { message: text };
  try {
    const issues = JSON.parse(text.slice(at + ISSUES.length)) as unknown;
    if (Array.isArray(issues) && issues.every((i) => typeof i?.path === 'string' && typeof i?.message === 'string')) {
      return { message: text.slice(0, at), issues: issues as { path: string; message: string }[] };
    }
  } catch {
    // not ours: keep the whole text as the message
  }
  return { message: text };
}

/** An Error the bridge will copy faithfully enough to be read back with labApiErrorFrom. */
export function toBridgeError(error: unknown): Error {
  if (error instanceof LabApiError) return new Error(bridgeMessage(error.toInfo()));
  return error instanceof Error ? error : new Error(String(error));
}

/** A LabApiError from whatever a LabApi call rejected with: itself, a tagged bridge Error, or anything else as `internal`. */
export function labApiErrorFrom(error: unknown): LabApiError {
  if (error instanceof LabApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const tagged = TAGGED.exec(message);
  if (tagged && (LAB_ERROR_CODES as readonly string[]).includes(tagged[1]!)) {
    const { message: text, issues } = splitIssues(tagged[3]!);
    const info: LabErrorInfo = { code: tagged[1] as LabErrorCode, message: text };
    if (tagged[2] !== undefined) info.field = tagged[2];
    if (issues !== undefined) info.issues = issues;
    return new LabApiError(info);
  }
  return new LabApiError({ code: 'internal', message });
}

async function rethrown<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw labApiErrorFrom(error);
  }
}

/** The same LabApi, rejecting with LabApiError (code, field) also when the errors came across the contextBridge. */
export function rehydrateLabApi(api: LabApi): LabApi {
  const methods: Record<string, unknown> = {};
  for (const name of LAB_METHOD_NAMES) {
    const call = api[name] as (params?: unknown) => Promise<unknown>;
    methods[name] = (params?: unknown) => rethrown(() => call(params));
  }
  return {
    ...(methods as unknown as Omit<LabApi, 'subscribeEvents'>),
    subscribeEvents: (params, listener) => rethrown(() => api.subscribeEvents(params, listener)),
  } as LabApi;
}

/** The preload's side: every rejection turned into an Error whose message keeps the code. */
export function forBridge(api: LabApi): LabApi {
  const methods: Record<string, unknown> = {};
  const tag = <T>(promise: Promise<T>): Promise<T> => promise.catch((error: unknown) => Promise.reject(toBridgeError(error)));
  for (const name of LAB_METHOD_NAMES) {
    const call = api[name] as (params?: unknown) => Promise<unknown>;
    methods[name] = (params?: unknown) => tag(call(params));
  }
  return {
    ...(methods as unknown as Omit<LabApi, 'subscribeEvents'>),
    subscribeEvents: (params, listener) => tag(api.subscribeEvents(params, listener)),
  } as LabApi;
}
