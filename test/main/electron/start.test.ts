// `npm start` (queue-lab start): where the desktop window cannot open it
// serves the lab in the browser and says why, as a real process on a real
// socket; the reasons themselves are checked without a binary.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopUnavailable, electronBinary } from '../../../src/main/cli/commands/start.ts';
import { BIN, REPO, makeSandbox, type Sandbox } from '../cli/cli-helpers.ts';

let box: Sandbox | undefined;
afterEach(() => box?.cleanup());

describe('queue-lab start', () => {
  it('says why the window cannot open: no binary, no display; none when both are there', () => {
    expect(desktopUnavailable(null, { DISPLAY: ':0' }, 'linux')).toMatch(/Electron binary is not installed/);
    expect(desktopUnavailable('/x/electron', {}, 'linux')).toMatch(/no display/);
    expect(desktopUnavailable('/x/electron', { WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeNull();
    expect(desktopUnavailable('/x/electron', {}, 'darwin')).toBeNull();
  });

  it('falls back to the web host: the reason, then the URL, and the lab answers there', async () => {
    box = makeSandbox('start');
    // --web makes the fallback certain on a machine that has Electron and a display too.
    const args = electronBinary() === null ? [] : ['--web'];
    const child = spawn(process.execPath, [BIN, 'start', ...args, '--port', '0', '--db', join(box.dir, 'lab.db')], { cwd: REPO, env: box.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      let url: string | undefined;
      for (let i = 0; i < 300 && !url; i++) {
        await new Promise((r) => setTimeout(r, 50));
        url = /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      }
      expect(url, out).toBeDefined();
      expect(out.split('\n')[0]).toMatch(args.length ? /you asked for the browser/ : /the Electron binary is not installed/);
      expect(out).toContain('served in your browser instead');
      expect(await (await fetch(`${url}health`)).json()).toMatchObject({ ok: true });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
