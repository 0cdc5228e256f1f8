// The window's content: our renderer build over the app:// scheme (a custom
// protocol rather than file://, as Electron's security checklist advises),
// each response with the strict Content-Security-Policy, and a session that
// grants no permission and fetches nothing from the network except the dev
// server in development. The decisions are electron-policy.ts's.
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME, contentSecurityPolicy, isAppUrl, permissionDecision, resolveAppPath } from '../ipc/electron-policy.ts';
import { contentTypeOf } from '../web/static-files.ts';

/** Before app 'ready': app:// behaves like https (origin, fetch, secure context). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveAppProtocol(rendererDir: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(request.url, rendererDir);
    if (file === null) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

export function lockDownSession(session: Session, origins: readonly string[], devServerUrl: string | undefined): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionDecision(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionDecision(permission, requestingOrigin));
  // No remote content: the only network the window may reach is the dev server.
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    callback({ cancel: !isAppUrl(details.url, origins) });
  });
  if (devServerUrl !== undefined) {
    // The dev server's pages get the (development) CSP as a response header too.
    const csp = contentSecurityPolicy(devServerUrl);
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }
}
