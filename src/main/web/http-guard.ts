// Who may talk to the web host. It has no login: on 127.0.0.1 only this
// machine reaches it, but a web page open in the student's browser could
// still try, by a cross-site request (CSRF, cross-site WebSocket hijacking)
// or by DNS rebinding (evil.example resolving to 127.0.0.1). So a request
// that carries an Origin must come from this host's own pages, and on a
// loopback address the Host header must name loopback. curl sends no Origin
// and passes.
import type { IncomingMessage } from 'node:http';

/** Addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h) || /^::ffff:127(?:\.\d{1,3}){3}$/.test(h);
}

/** The loud line printed when the host listens where other machines can reach it. */
export function exposedWarning(host: string, port: number): string {
  return (
    `WARNING: Queue Lab web host is listening on ${host}:${port}, reachable from OTHER MACHINES on your network. ` +
    'It has no authentication: anyone who can reach it can enqueue jobs, run scenarios and act on dead letters. ' +
    'Use --host 127.0.0.1 unless that is what you want.'
  );
}

export interface GuardOptions {
  /** Bound to a loopback address: then Host must name loopback too. */
  loopback: boolean;
  /** Origins (scheme://host:port) allowed besides the host's own, e.g. a dev server. */
  allowedOrigins: readonly string[];
}

/** Why the request is refused, or null when it may proceed. */
export function refusal(req: IncomingMessage, options: GuardOptions): string | null {
  const host = req.headers.host;
  if (options.loopback && host !== undefined && !isLoopbackHost(hostnameOf(host))) {
    return `Host ${JSON.stringify(host)} is not this machine; open the lab at http://127.0.0.1 or http://localhost`;
  }
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  if (options.allowedOrigins.includes(origin)) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `cross-origin request refused (Origin ${JSON.stringify(origin)})`;
  }
  if (host !== undefined && originHost === host.toLowerCase()) return null;
  return `cross-origin request refused: a page from ${origin} may not use this lab`;
}

function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  const colon = hostHeader.lastIndexOf(':');
  return colon < 0 ? hostHeader : hostHeader.slice(0, colon);
}
