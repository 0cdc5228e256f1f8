// `npm run dist` where Electron's binary is not installed (it cannot be
// downloaded here): one clear line naming what is missing and what to run,
// exit 1, and nothing built. The packaging itself cannot run on this machine.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dist(electronDir: string) {
  return spawnSync(process.execPath, [join(REPO, 'scripts', 'dist.mjs')], { cwd: REPO, env: { ...process.env, QUEUE_LAB_ELECTRON_DIR: electronDir }, encoding: 'utf8', timeout: 30_000 });
}

describe('npm run dist without the Electron binary', () => {
  it('fails with one line naming the binary and the command to run, before building anything', () => {
    const electron = mkdtempSync(join(tmpdir(), 'queue-lab-fake-electron-'));
    dirs.push(electron);
    writeFileSync(join(electron, 'package.json'), '{"name":"electron","version":"38.8.6"}');
    // As electron's install script leaves it when the download fails: no path.txt, no dist/.
    const started = performance.now();
    const r = dist(electron);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^queue-lab dist: the Electron binary is not installed .*run `node node_modules\/electron\/install\.js`/);
    expect(performance.now() - started).toBeLessThan(10_000); // no build ran first

    // path.txt names a binary that is not there (a download cut short): the same line.
    writeFileSync(join(electron, 'path.txt'), 'electron');
    mkdirSync(join(electron, 'dist'));
    const cut = dist(electron);
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/^queue-lab dist: the Electron binary is not installed/);
  });
});
