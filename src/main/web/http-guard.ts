// Who may talk to the web host. It has no login: on 127.0.0.1 only this
// machine reaches it, but a web page open in the student's browser could
// still try, by a cross-site request (CSRF, cross-site WebSocket hijacking)
// or by DNS rebinding (evil.example made to resolve to the lab's address:
// the browser then sends "Host: evil.example"). So a request that carries an
// Origin must come from this host's own pages, and the Host header must name
// this host, whatever address it listens on: loopback, the bound address
// (every interface's address when bound to 0.0.0.0 or ::), the machine's
// name, or a name given with --allowed-host. curl sends no Origin and the
// address it was given as Host, and passes.
import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';

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
  /** Names and addresses (lowercase, no port, IPv6 without brackets) the Host header may give besides loopback. */
  hostNames: ReadonlySet<string>;
  /** Origins (scheme://host:port) allowed besides the host's own, e.g. a dev server. */
  allowedOrigins: readonly string[];
}

/** A host name as compared: lowercase, IPv6 without brackets, no trailing dot. */
function canonical(name: string): string {
  return name.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/** What Host may name: the bound address (all interfaces' when unspecified), the machine's names, and `allowedHosts`. */
export function hostNamesOf(bound: string, allowedHosts: readonly string[]): Set<string> {
  const names = new Set<string>([canonical(bound)]);
  if (canonical(bound) === '0.0.0.0' || canonical(bound) === '::') {
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(canonical(a.address));
  }
  const machine = canonical(hostname());
  const short = machine.split('.')[0]!;
  for (const name of [machine, short, `${short}.local`, ...allowedHosts]) if (name !== '') names.add(canonical(name));
  return names;
}

/** Why the request is refused, or null when it may proceed. */
export function refusal(req: IncomingMessage, options: GuardOptions): string | null {
  const host = req.headers.host;
  if (host !== undefined) {
    const name = canonical(hostnameOf(host));
    if (!isLoopbackHost(name) && !options.hostNames.has(name)) {
      return (
        `Host ${JSON.stringify(host)} is not a name of this lab host (a DNS-rebinding page would look like this); ` +
        `open the lab by its address, or start it with --allowed-host ${hostnameOf(host)} if that is a name you gave it`
      );
    }
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
