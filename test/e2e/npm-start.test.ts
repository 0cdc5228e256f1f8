// The README's first run, as a newcomer types it: `npm start` (the command
// README.md's "Set up and run" gives, read from the README itself), on a
// machine with no display, then the served page in Chromium: the scenario
// library and the Run button are there, a built-in scenario (Poison message)
// runs to the end of its replay, and the console stays clean. A placeholder
// page, a missing build that cannot be made, or a start-up error fails it.
// It also takes the main window's screenshot; QUEUE_LAB_UPDATE_DOCS=1 copies
// it to docs/main-window.png, the one README shows.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectWsLabClient, labSocketUrl, type WebSocketConstructorLike, type WsLabClient } from '../../src/shared/lab-api/ws-client.ts';
import { launchChromium, openPage, screenshot } from './harness/browser.ts';
import { REPO } from './harness/paths.ts';
import { pickScenario, setSpeed, statCount, until, waitForLab } from './harness/shell.ts';
import { labSuite } from './harness/suite.ts';

/** The start command of README's `npm install && <start>` line. */
function readmeStartCommand(): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const line = /^npm install && (npm start\b[^#\n]*?)\s*(#.*)?$/m.exec(readme);
  if (!line) throw new Error('README.md has no "npm install && npm start" line: the first run this test follows is gone');
  return line[1]!;
}

let home: string;
let child: ChildProcess | undefined;
let exited: Promise<void>;
let output = '';
let url: string;
let browser: Browser;
let page: Page;
let errors: string[];
let lab: WsLabClient;

labSuite(
  async () => {
    home = mkdtempSync(join(tmpdir(), 'queue-lab-npm-start-'));
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, QUEUE_LAB_PORT: '0' };
    for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'QUEUE_LAB_DB', 'XDG_DATA_HOME']) delete env[name];
    // Its own process group: npm, the shell and node all stop together at the end.
    child = spawn('sh', ['-c', readmeStartCommand()], { cwd: REPO, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    exited = new Promise((resolve) => child!.once('exit', () => resolve()));
    // A stale build is rebuilt first (up to a renderer build's time).
    const found = await until('npm start to print its URL', async () => /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1] ?? (child!.exitCode !== null ? 'exited' : null), (v) => v !== null, 180_000).catch(() => null);
    if (!found || found === 'exited') throw new Error(`npm start did not serve the lab:\n${output}`);
    url = found;
    browser = await launchChromium();
    ({ page, errors } = await openPage(browser, url, { width: 1280, height: 800 }));
    lab = await connectWsLabClient(labSocketUrl(url), { WebSocket: WebSocket as unknown as WebSocketConstructorLike });
  },
  async () => {
    lab?.close();
    await browser?.close();
    if (child?.pid !== undefined && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-child!.pid!, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(home, { recursive: true, force: true });
  },
);

describe('npm start, as README.md says, with no display', { timeout: 240_000 }, () => {
  it('says why there is no window, then serves the lab: its scenario library and Run button', async () => {
    expect(output).toMatch(/Queue Lab: there is no display|Queue Lab: the Electron binary is not installed/);
    await page.getByRole('region', { name: 'Scenario library' }).waitFor({ timeout: 20_000 });
    await waitForLab(page);
    // The built-in library arrives over the LabApi: Poison message is one of its entries.
    const poison = page.getByRole('region', { name: 'Scenario library' }).getByRole('button', { name: /Poison message/ });
    await poison.waitFor({ timeout: 20_000 });
    expect(await poison.count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Run', exact: true }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('runs Poison message to the end of its replay, with no console errors', async () => {
    await pickScenario(page, /Poison message/);
    await setSpeed(page, '100×');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const progress = page.getByRole('progressbar', { name: 'Progress: of the run' });
    await progress.waitFor({ timeout: 60_000 });
    await until('the replay to reach the end of the run', () => progress.evaluate((el) => (el as unknown as { value: number }).value), (v) => v >= 1, 120_000);
    const runs = await lab.listRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('completed');
    const summary = runs[0]!.summary!;
    expect(summary.jobs.dead).toBeGreaterThan(0); // the poison jobs
    expect(await until('the final counts', () => statCount(page, 'Dead'), (n) => n === summary.jobs.dead)).toBe(summary.jobs.dead);
    expect(await statCount(page, 'Succeeded')).toBe(summary.jobs.succeeded);
    const shot = await screenshot(page, 'main-window');
    if (process.env.QUEUE_LAB_UPDATE_DOCS === '1') copyFileSync(shot, join(REPO, 'docs', 'main-window.png'));
    expect(errors).toEqual([]);
  });
});
