// The window's security decisions (electron-policy.ts), checked without the
// Electron binary: which URLs are our app, navigation, new windows,
// permissions, the CSP, and the app:// protocol's file lookup.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  appOrigins,
  contentSecurityPolicy,
  isAllowedNavigation,
  isAppUrl,
  originOf,
  permissionDecision,
  resolveAppPath,
  windowOpenDecision,
} from '../../../src/main/ipc/electron-policy.ts';

describe('electron policy', () => {
  const prod = appOrigins(undefined);
  const dev = appOrigins('http://localhost:5173/');

  it('our app is app://lab (and the dev server in development); nothing else, however it is spelt', () => {
    expect(prod).toEqual(['app://lab']);
    expect(dev).toEqual(['app://lab', 'http://localhost:5173']);
    expect(isAppUrl(APP_INDEX_URL, prod)).toBe(true);
    expect(isAppUrl('app://lab/runs/3f9a#x', prod)).toBe(true);
    for (const url of [
      'app://lab.evil/index.html', 'app://other/', 'app:index.html', 'file:///work/out/renderer/index.html', 'https://lab/',
      'http://localhost:5173/', 'http://localhost:5174/', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'about:blank', '', 'not a url',
    ]) {
      expect(isAppUrl(url, prod), url).toBe(false);
    }
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(originOf('app://lab/x')).toBe('app://lab');
    expect(originOf('file:///x')).toBeNull();
  });

  it('navigation stays inside the app; every new window and every permission is denied', () => {
    expect(isAllowedNavigation('app://lab/index.html', prod)).toBe(true);
    expect(isAllowedNavigation('https://github.com/', prod)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', prod)).toBe(false);
    expect(windowOpenDecision('https://example.com/')).toEqual({ action: 'deny' });
    expect(windowOpenDecision('app://lab/index.html')).toEqual({ action: 'deny' });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(permissionDecision(permission, APP_INDEX_URL), permission).toBe(false);
    }
  });

  it('the CSP: no eval, no inline script, no remote origin; the dev server only in development', () => {
    const csp = contentSecurityPolicy();
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives['default-src']).toBe("'none'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['connect-src']).toBe("'self'");
    expect(directives['object-src']).toBe("'none'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    const devCsp = contentSecurityPolicy('http://localhost:5173');
    expect(devCsp).toContain("script-src 'self' http://localhost:5173 'unsafe-inline'");
    expect(devCsp).toContain('connect-src \'self\' http://localhost:5173 ws://localhost:5173');
  });

  describe('app:// files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'queue-lab-app-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
    writeFileSync(join(renderer, 'assets', 'app.js'), '');
    writeFileSync(join(dir, 'secret.txt'), 'no');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('files inside the renderer build; index.html for / and UI routes; nothing outside it, however encoded', () => {
      expect(resolveAppPath('app://lab/', renderer)).toBe(join(renderer, 'index.html'));
      expect(resolveAppPath('app://lab/index.html', renderer)).toBe(join(renderer, 'index.html'));
      expect(resolveAppPath('app://lab/assets/app.js?v=1', renderer)).toBe(join(renderer, 'assets', 'app.js'));
      expect(resolveAppPath('app://lab/runs/3f9a', renderer)).toBe(join(renderer, 'index.html'));
      for (const url of [
        'app://lab/../secret.txt', 'app://lab/%2e%2e/secret.txt', 'app://lab/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
        'app://lab/..%5csecret.txt', 'app://lab/a%00.js', 'app://other/index.html', 'https://lab/index.html', 'app://lab/%E0%A4%A.js',
      ]) {
        const file = resolveAppPath(url, renderer);
        expect(file === null || file.startsWith(renderer + '/'), `${url} -> ${file}`).toBe(true);
        expect(file, url).not.toBe(join(dir, 'secret.txt'));
      }
      expect(resolveAppPath('app://other/index.html', renderer)).toBeNull();
      expect(resolveAppPath('app://lab/a%00.js', renderer)).toBeNull();
    });
  });
});
