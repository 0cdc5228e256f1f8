// The lab served on PostgreSQL in Chromium, as a class uses it: `queue-lab
// serve --db postgres://...` on a throwaway cluster (fails, never skips, when
// it cannot start), a live run started with the Run button, two workers joined
// from another process (`queue-lab worker --name laptop`) drawn in their own
// lanes, the run reopened from the run list and its report exported; an
// instant run there is refused in a visible line. Screenshots at 1280x720 and
// 1024x768 go to /tmp/p14ui-shots as well as the suite's folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../src/shared/lab-api/lab-api.ts';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { launchChromium, openPage, screenshot } from './harness/browser.ts';
import { startLabHost, type LabHost } from './harness/lab-host.ts';
import { BIN, REPO } from './harness/paths.ts';
import { ensureRendererBuild } from './harness/renderer-build.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openTab, pickScenario, until, waitForLab } from './harness/shell.ts';

const SHOTS = '/tmp/p14ui-shots';

let cluster: PostgresCluster;
let dbUrl: string;
let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;
let joined: ChildProcess | undefined;

labSuite(
  async () => {
    ensureRendererBuild();
    cluster = await startPostgresCluster({ database: 'e2e_lab' });
    dbUrl = cluster.url;
    host = await startLabHost({ dbFile: dbUrl });
    api = await host.api();
    browser = await launchChromium();
    ({ page, errors } = await openPage(browser, host.url, { width: 1280, height: 720 }));
  },
  async () => {
    if (joined && joined.exitCode === null) joined.kill('SIGKILL');
    await closeLab(browser, host);
    await cluster?.stop();
  },
);

async function shot(name: string): Promise<void> {
  const path = await screenshot(page, name);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(path, join(SHOTS, `${name}.png`));
}

const lanes = () => page.getByRole('region', { name: 'Worker lanes' }).locator('canvas');
const laneLabel = async (): Promise<string> => (await lanes().count()) ? ((await lanes().getAttribute('aria-label')) ?? '') : '';

describe('the lab on PostgreSQL, with workers joined from another process', { timeout: 240_000 }, () => {
  it('Run starts a live run on the server; laptop-1 and laptop-2 join and get lanes; reopened from the list; report exported', async () => {
    expect(host.output()).toContain(`(database ${dbUrl})`);
    await waitForLab(page);
    await pickScenario(page, /Poison message/);
    await page.getByRole('radio', { name: 'live' }).check();
    await page.getByRole('combobox', { name: 'Time scale' }).selectOption('0.05');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const { runId } = await until('the live run to start', () => api.getActiveRun(), (r) => r !== null, 60_000) as { runId: string };

    joined = spawn(process.execPath, [BIN, 'worker', '--db', dbUrl, '--run', runId, '--count', '2', '--name', 'laptop'], { cwd: REPO, stdio: 'ignore' });
    const left = new Promise<number | null>((resolve) => joined!.once('close', (code) => resolve(code)));
    const label = await until('the joined workers\' lanes', laneLabel, (l) => l.includes('laptop-1') && l.includes('laptop-2'), 60_000);
    expect(label).toMatch(/^5 workers \(w1, w2, w3, laptop-1, laptop-2\)|^5 workers \(/);
    // The chaos bar says plainly that it reaches the host's workers only, and offers only those.
    const note = page.getByTestId('chaos-joined-note');
    await note.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await note.innerText()).toBe('+2 joined (laptop-1, laptop-2): out of reach');
    expect(await note.getAttribute('title')).toMatch(/^Chaos reaches this host's own workers \(w1\.\.w3\) only: laptop-1, laptop-2 joined from another machine/);
    const options = await page.getByRole('region', { name: 'Chaos' }).or(page.locator('#chaos')).getByRole('combobox', { name: 'Worker' }).locator('option').allInnerTexts();
    expect(options).toEqual(['w1', 'w2', 'w3']);
    // Let the joined lanes fill with a few bars before the pictures.
    await until('attempts by laptop-1', async () => (await api.listEvents({ runId, limit: 5000 })).some((e) => e.kind === 'claimed' && e.worker === 'laptop-1'), Boolean, 30_000);
    await page.waitForTimeout(1500);
    await page.getByRole('region', { name: 'Worker lanes' }).scrollIntoViewIfNeeded();
    await shot('pg-live-joined-1280x720');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(500);
    await page.getByRole('region', { name: 'Worker lanes' }).scrollIntoViewIfNeeded();
    await shot('pg-live-joined-1024x768');
    await page.setViewportSize({ width: 1280, height: 720 });

    const run = await until('the run to finish', () => api.getRun({ id: runId }), (r) => r.status !== 'running', 150_000);
    expect(run.status).toBe('completed');
    expect(run.summary).toMatchObject({ lost: 0, duplicates: 0 });
    expect(await left).toBe(0);

    // A fresh page: the run list (read from PostgreSQL) reopens it, joined lanes included.
    await page.reload();
    await waitForLab(page);
    const item = page.locator('.history-item').filter({ hasText: runId.slice(0, 8) });
    await item.click();
    await until('the reopened run\'s lanes', laneLabel, (l) => l.includes('laptop-1'), 60_000);
    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    await until('Export to be enabled', () => exportButton.isEnabled(), Boolean, 60_000);
    await shot('pg-reopened-1280x720');
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html).toContain(runId);
    // The report's lanes show its busiest window: the joined workers' lanes are in it by name.
    expect(html).toMatch(/"workers":\[[^\]]*"laptop-1"/);

    // Instant runs are stored in a lab file only: the lab says so, in words, and stores nothing.
    await page.getByRole('radio', { name: 'instant' }).check();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByText(/this lab is served on PostgreSQL .* instant runs and sweeps in a SQLite lab file only/).first().waitFor({ timeout: 20_000 });
    await shot('pg-instant-refused-1280x720');
    // So are sweeps: the Sweep tab's form says why, in place, and no sweep is stored.
    await openTab(page, 'Sweep');
    const form = page.getByRole('region', { name: 'Sweep' }).getByRole('form', { name: 'New sweep' });
    await form.getByRole('group', { name: 'Rows' }).getByRole('combobox', { name: 'Key' }).fill('workers.count');
    await form.getByRole('group', { name: 'Rows' }).getByRole('textbox', { name: 'Values' }).fill('2, 3');
    await form.getByRole('button', { name: 'Run sweep' }).click();
    await form.getByRole('alert').filter({ hasText: /this lab is served on PostgreSQL .* instant runs and sweeps in a SQLite lab file only/ }).waitFor({ timeout: 20_000 });
    await form.getByRole('alert').scrollIntoViewIfNeeded();
    await shot('pg-sweep-refused-1280x720');
    expect(await api.listSweeps()).toEqual([]);
    expect((await api.listRuns()).map((r) => r.id)).toEqual([runId]);
    expect(errors).toEqual([]);
  });
});
