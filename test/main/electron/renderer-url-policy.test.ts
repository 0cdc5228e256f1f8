// ELECTRON_RENDERER_URL (issue 10): the desktop window loads it only in
// development (not packaged) and only from this machine (a loopback dev
// server), so a variable set in a packaged app's environment cannot point
// the window, and its LabApi, at a remote page. Checked without Electron.
import { describe, expect, it } from 'vitest';
import { devServerUrl } from '../../../src/main/ipc/electron-policy.ts';

describe('devServerUrl', () => {
  it('honours a loopback dev server in development', () => {
    for (const url of ['http://localhost:5173/', 'http://127.0.0.1:5173', 'http://[::1]:5173/', 'https://localhost:5173/']) {
      expect(devServerUrl({ ELECTRON_RENDERER_URL: url }, false), url).toEqual({ url, refused: null });
    }
    expect(devServerUrl({}, false)).toEqual({ url: undefined, refused: null });
  });

  it('ignores it in a packaged app, saying why', () => {
    expect(devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173/' }, true)).toEqual({
      url: undefined,
      refused: 'ELECTRON_RENDERER_URL is ignored in the packaged app',
    });
  });

  it('refuses anything that is not an http(s) URL on loopback', () => {
    for (const url of ['http://evil.example:5173/', 'http://192.168.1.5:5173/', 'http://127.0.0.1.evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'http://localhost@evil.example/']) {
      const decision = devServerUrl({ ELECTRON_RENDERER_URL: url }, false);
      expect(decision.url, url).toBeUndefined();
      expect(decision.refused, url).toMatch(/^ELECTRON_RENDERER_URL .* is ignored: only a dev server on this machine/);
    }
  });
});
