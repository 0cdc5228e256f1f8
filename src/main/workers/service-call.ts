// One call to a live service over HTTP, and what its answer means: used by a
// worker calling its job type's service and by a service calling the next
// layer (src/main/engine/live/service-server.ts), so both read a 503, a 429
// or an aborted request the same way, as the lifecycle words them
// (src/shared/lifecycle/downstream-calls.ts).
import { request, type Agent } from 'node:http';
import type { FailedAttempt } from '../../shared/lifecycle/after-attempt.ts';
import { callTimedOut, serviceFailed } from '../../shared/lifecycle/downstream-calls.ts';

/** What a call carries: the draw key and the attempt, which key the service's draws. */
export interface CallRequest {
  key: number;
  attempt: number;
}

/**
 * Calls `service` at `url`; null when it answered 200, else how the call
 * failed. `timeoutMs` (undefined: wait) aborts the request, which the
 * service does not notice: it serves the call anyway.
 */
export async function callService(
  service: string, url: string, call: CallRequest, timeout: { seconds: number; ms: number } | undefined, agent: Agent,
): Promise<FailedAttempt | null> {
  const abort = new AbortController();
  const timer = timeout ? setTimeout(() => abort.abort(), Math.max(1, timeout.ms)) : null;
  try {
    const { status, text } = await post(url, JSON.stringify(call), abort.signal, agent);
    if (status === 200) return null;
    if (status === 429 || status === 503) return serviceFailed(service, status === 429 ? 'service_full' : 'outage');
    return serviceFailed(service, 'service_error', `status ${status}${text ? `: ${text}` : ''}`);
  } catch (error) {
    if (abort.signal.aborted && timeout) return callTimedOut(service, timeout.seconds);
    return serviceFailed(service, 'service_error', `unreachable: ${(error as Error).message}`);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** One POST over a kept-alive connection; aborting destroys the request, which the service does not notice until it answers. */
function post(url: string, body: string, signal: AbortSignal, agent: Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, signal, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
