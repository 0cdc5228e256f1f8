// The renderer build (or, until there is one, a placeholder page) as plain
// files. Only GET and HEAD, only inside the folder: a path that climbs out of
// it is not found, whatever its encoding. A path with no file extension that
// names no file gets index.html, so the UI's own routes survive a reload.
import { createReadStream, statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The Content-Type of a file by its extension (shared with Electron's app:// protocol). */
export function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export const PLACEHOLDER_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Queue Lab</title>
  </head>
  <body>
    <h1>Queue Lab</h1>
    <p>Queue Lab web host: the UI arrives with a later issue; LabApi at /api/ws.</p>
    <p>The seeds' endpoints work now on the active live run: POST /jobs, GET /jobs/:id, GET /stats, GET /dead,
      POST /dead/retry, GET /logs, <a href="/health">GET /health</a>.</p>
  </body>
</html>
`;

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

/** Serves `staticDir` when it is a folder, else the placeholder page at / (and 404 elsewhere). */
export function staticFiles(staticDir: string | undefined): StaticHandler {
  const root = staticDir !== undefined && isDirectory(staticDir) ? resolve(staticDir) : null;
  return async (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(res, pathname);
    const file = root === null ? null : await findFile(root, pathname);
    if (file) return sendFile(req, res, file.path, file.stats);
    if (pathname === '/' || pathname === '/index.html') {
      return send(req, res, 200, 'text/html; charset=utf-8', PLACEHOLDER_HTML, { 'Content-Security-Policy': "default-src 'none'" });
    }
    return notFound(res, pathname);
  };
}

async function findFile(root: string, pathname: string): Promise<{ path: string; stats: Stats } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const path = resolve(join(root, decoded));
  if (path !== root && !path.startsWith(root + sep)) return null;
  const direct = await fileAt(path);
  if (direct) return direct;
  const index = await fileAt(join(path, 'index.html'));
  if (index) return index;
  // A UI route (/runs/3f9a): the app's page, which reads the route itself.
  if (extname(decoded) === '') return fileAt(join(root, 'index.html'));
  return null;
}

async function fileAt(path: string): Promise<{ path: string; stats: Stats } | null> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? { path, stats } : null;
  } catch {
    return null;
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string, stats: Stats): void {
  res.writeHead(200, {
    'Content-Type': contentTypeOf(path),
    'Content-Length': stats.size,
    'X-Content-Type-Options': 'nosniff',
    // index.html must be fetched anew after a rebuild; hashed assets may be cached.
    'Cache-Control': path.endsWith('.html') ? 'no-cache' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function notFound(res: ServerResponse, pathname: string): void {
  const body = JSON.stringify({ error: `not found: ${pathname}` });
  res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
