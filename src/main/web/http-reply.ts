// The plumbing of the JSON endpoints: a reply, an error with its status, and
// how failures become answers (400/404/409 with {error}, 503 while SQLite is
// busy, 500 for the rest, logged).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StoreError } from '../engine/store/open-database.ts';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The query string as an object; `?state=` (empty) means no filter, as curl users type it. */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ''));
}

export function failure(error: unknown, log: (line: string) => void): Reply {
  if (error instanceof HttpError) return { status: error.status, body: { error: error.message } };
  if (error instanceof StoreError && error.exitCode === 2) return { status: 400, body: { error: error.message } };
  const message = (error as Error).message ?? String(error);
  if (/database is locked|SQLITE_BUSY/.test(message)) {
    return { status: 503, body: { error: 'the lab database is busy; try again' }, headers: { 'Retry-After': '1' } };
  }
  log(`web host: ${(error as Error).stack ?? message}`);
  return { status: 500, body: { error: message } };
}

export function sendJson(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...reply.headers,
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

