// Headers on every answer of the web host. The UI's own meta CSP cannot say
// frame-ancestors (browsers ignore it in <meta>), so the policy travels as a
// header too: no site may frame the lab and trick a click on its buttons
// (X-Frame-Options for browsers that predate frame-ancestors), and the page
// may connect only to the host that served it, not to any ws: or wss: URL.
// Both policies apply; the header is the stricter one.

/**
 * The UI's CSP for a page served to `hostHeader` (already checked by the
 * guard). 'self' covers ws: to the same host in CSP Level 3 browsers; the
 * WebSocket URL is named too for those that predate it.
 */
export function contentSecurityPolicy(hostHeader: string | undefined): string {
  const socket = hostHeader === undefined || !/^[a-z0-9.:[\]-]+$/i.test(hostHeader) ? '' : ` ws://${hostHeader.toLowerCase()}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${socket}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(hostHeader: string | undefined): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(hostHeader),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
