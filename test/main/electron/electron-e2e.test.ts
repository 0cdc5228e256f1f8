// The desktop app end to end, through Playwright's Electron driver
// (_electron.launch): the real window, preload and main process. It needs the
// Electron binary and a display; where either is missing (as on the machine
// this was written on: the binary download is blocked) the test is reported
// as skipped, with the reason in its name. The detection is the same one
// `npm start` uses, not a switch.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopUnavailable, electronBinary } from '../../../src/main/cli/commands/start.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const binary = electronBinary();
const skipReason = desktopUnavailable(binary);
const title = (what: string): string => (skipReason === null ? what : `${what} [skipped: ${skipReason}]`);

describe('Electron app end to end', () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let dir: string | undefined;

  beforeAll(async () => {
    if (skipReason !== null) return;
    const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stderr || build.stdout}`);
    dir = mkdtempSync(join(tmpdir(), 'queue-lab-electron-'));
    const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && e[0] !== 'ELECTRON_RUN_AS_NODE'));
    app = await _electron.launch({ executablePath: binary!, args: ['.'], cwd: ROOT, env: { ...env, QUEUE_LAB_DB: join(dir, 'lab.db') } });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(skipReason !== null)(title('the window: app://lab, one window, no Node in the page'), async () => {
    expect(page.url()).toMatch(/^app:\/\/lab\//);
    expect(await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });

  it.skipIf(skipReason !== null)(title('window.lab: the LabApi over IPC runs a scenario and answers with codes'), async () => {
    const keys = await page.evaluate(async () => (await (globalThis as unknown as { lab: { listScenarios(): Promise<{ key: string }[]> } }).lab.listScenarios()).map((s) => s.key));
    expect(keys).toContain('mm3-baseline');
    const summary = await page.evaluate(() => (globalThis as unknown as { lab: { runInstant(p: unknown): Promise<{ run_id: string; jobs: { total: number } }> } }).lab.runInstant({ builtinKey: 'go-worker-pool' }));
    expect(summary.jobs.total).toBeGreaterThan(0);
    const message = await page.evaluate(() => (globalThis as unknown as { lab: { getRun(p: unknown): Promise<unknown> } }).lab.getRun({ id: 'nope' }).then(() => 'resolved', (e: Error) => e.message));
    expect(message).toMatch(/^\[not_found id\] /);
  });

  it.skipIf(skipReason !== null)(title('no way out: navigation and new windows are refused'), async () => {
    const before = page.url();
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/') === null)).toBe(true);
    expect(app!.windows()).toHaveLength(1);
  });
});
