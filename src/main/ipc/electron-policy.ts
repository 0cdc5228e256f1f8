// The security decisions of the desktop window, as plain functions the
// Electron main process calls (src/main/electron wires them to
// will-navigate, setWindowOpenHandler, the permission handler, the app://
// protocol and the IPC sender check), so that they are unit-tested here
// without the Electron binary. The window shows only our own renderer build,
// served from the app:// scheme (Electron's checklist: prefer a custom
// protocol to file://), or the electron-vite dev server in development.
import { normalize, resolve, sep } from 'node:path';
import { isLoopbackHost } from '../web/http-guard.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** scheme://host[:port] of a URL, or null. Node gives non-special schemes (app:) an origin of "null", so it is built by hand. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.host === '' ? null : `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export interface DevServerDecision {
  /** The URL the window loads instead of app://lab, if any. */
  url: string | undefined;
  /** Why a given ELECTRON_RENDERER_URL is not used, for the log; null when none was given or it is used. */
  refused: string | null;
}

/**
 * ELECTRON_RENDERER_URL (electron-vite's dev server) is honoured only in
 * development and only on this machine: the window's pages get the LabApi,
 * so a packaged app, or a URL naming another host, must never load there.
 */
export function devServerUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): DevServerDecision {
  const given = env.ELECTRON_RENDERER_URL;
  if (given === undefined || given === '') return { url: undefined, refused: null };
  if (isPackaged) return { url: undefined, refused: 'ELECTRON_RENDERER_URL is ignored in the packaged app' };
  let u: URL | null = null;
  try {
    u = new URL(given);
  } catch {
    // not a URL: refused below
  }
  const ok = u !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && isLoopbackHost(u.hostname);
  if (ok) return { url: given, refused: null };
  return { url: undefined, refused: `ELECTRON_RENDERER_URL ${JSON.stringify(given)} is ignored: only a dev server on this machine (http://localhost, 127.0.0.1 or [::1]) is loaded` };
}

/** The origins the window may show: app://lab, and the dev server when one is given (development only). */
export function appOrigins(devServerUrl: string | undefined): string[] {
  const dev = devServerUrl === undefined ? null : originOf(devServerUrl);
  return dev === null ? [APP_ORIGIN] : [APP_ORIGIN, dev];
}

/** A page of our own app: the only kind of sender the LabApi answers. */
export function isAppUrl(url: string, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

/** will-navigate: only within the app (a reload, an in-app link); never out to the web or a file. */
export function isAllowedNavigation(url: string, origins: readonly string[]): boolean {
  return isAppUrl(url, origins);
}

/** setWindowOpenHandler: the lab opens no windows (no remote content, no popups). */
export function windowOpenDecision(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Permission requests (camera, notifications, geolocation, clipboard read,
 * ...): the lab needs none, so every one is denied, whoever asks.
 */
export function permissionDecision(_permission: string, _requestingUrl: string): false {
  return false;
}

/**
 * The Content-Security-Policy of every page the window loads. Scripts and
 * styles only from the app itself; no eval, no inline script, no remote
 * anything; data: images for canvas exports. Inline styles are allowed
 * because React and d3 set style attributes. The dev server needs its own
 * origin and its HMR WebSocket, and Vite's React preamble is an inline script.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl === undefined ? null : originOf(devServerUrl);
  const self = dev === null ? "'self'" : `'self' ${dev}`;
  const ws = dev === null ? '' : ` ${dev.replace(/^http/, 'ws')}`;
  return [
    "default-src 'none'",
    `script-src ${self}${dev === null ? '' : " 'unsafe-inline'"}`,
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data: blob:`,
    `font-src ${self}`,
    `connect-src ${self}${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The file of the renderer build an app:// URL names, or null: other hosts,
 * paths that climb out of the build (however encoded) and NUL bytes are
 * refused. "/" and paths without an extension get index.html (UI routes).
 */
export function resolveAppPath(url: string, rendererDir: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const root = resolve(rendererDir);
  const last = path.split('/').pop() ?? '';
  const file = resolve(root, normalize(`.${path === '/' || !last.includes('.') ? '/index.html' : path}`));
  return file === root || file.startsWith(root + sep) ? file : null;
}
