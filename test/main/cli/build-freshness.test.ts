// The built code a user runs is never missing or stale: `queue-lab` (and so
// `npm start`) rebuilds first with one line saying why, and where the build
// tools are not installed it stops with one line naming `npm run build`.
// Run on a copy of the checkout (its own out/), so the real build is untouched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './cli-helpers.ts';

let copy: string;

function queueLab(args: string[]) {
  return spawnSync(process.execPath, [join(copy, 'bin', 'queue-lab.mjs'), ...args], { cwd: copy, encoding: 'utf8', timeout: 120_000 });
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'queue-lab-freshness-'));
  for (const path of ['package.json', 'bin', 'scripts', 'src/main', 'src/shared']) cpSync(join(REPO, path), join(copy, path), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('queue-lab and its build', { timeout: 180_000 }, () => {
  it('builds a missing build first, saying so in one line, then runs the command', () => {
    const r = queueLab(['--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Queue Lab: run job-queue scenarios/);
    expect(r.stderr.trim().split('\n')).toEqual(['queue-lab: rebuilding first (as `npm run build` does): CLI, web host and workers (out/node is missing)']);
    expect(existsSync(join(copy, 'out', 'node', 'cli.js'))).toBe(true);

    const again = queueLab(['--help']);
    expect(again.status).toBe(0);
    expect(again.stderr).toBe(''); // up to date: no rebuild
  });

  it('rebuilds when a source is newer than the build, naming the file', () => {
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(copy, 'src', 'shared', 'scenario', 'schema.ts'), future, future);
    const r = queueLab(['scenarios', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(10);
    expect(r.stderr.trim().split('\n')).toEqual(['queue-lab: rebuilding first (as `npm run build` does): CLI, web host and workers (src/shared/scenario/schema.ts changed after the last build)']);
  });

  it('without the build tools, stops with one line naming `npm run build`, and runs nothing stale', () => {
    // A production install: node_modules without esbuild.
    rmSync(join(copy, 'node_modules'));
    mkdirSync(join(copy, 'node_modules'));
    const future = new Date(Date.now() + 120_000);
    utimesSync(join(copy, 'src', 'main', 'cli', 'usage.ts'), future, future);
    const r = queueLab(['--help']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^queue-lab: the build is out of date: .*src\/main\/cli\/usage\.ts changed.*esbuild is not installed to rebuild it; run `npm install` then `npm run build`\.$/m);
  });
});
