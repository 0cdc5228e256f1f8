// The renderer build as plain files. A folder without the build's index.html
// is refused when the host starts (never a stand-in page: the user would
// take it for the lab); `npm run build` makes it. Only GET and HEAD, only inside the folder: a path that climbs out of
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

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

/** The UI build a host was pointed at is not there. */
export class UiNotBuiltError extends Error {
  constructor(staticDir: string) {
    super(`the UI is not built: ${join(staticDir, 'index.html')} is missing; run \`npm run build\``);
    this.name = 'UiNotBuiltError';
  }
}

/**
 * Serves the UI build in `staticDir`; throws UiNotBuiltError when it has no
 * index.html. Without a folder (an API-only host, as tests start one) every
 * path outside the API is not found.
 */
export function staticFiles(staticDir: string | undefined): StaticHandler {
  if (staticDir !== undefined && !isFile(join(staticDir, 'index.html'))) throw new UiNotBuiltError(staticDir);
  const root = staticDir === undefined ? null : resolve(staticDir);
  return async (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(res, pathname);
    const file = root === null ? null : await findFile(root, pathname);
    if (file) return sendFile(req, res, file.path, file.stats);
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

function notFound(res: ServerResponse, pathname: string): void {
  const body = JSON.stringify({ error: `not found: ${pathname}` });
  res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
