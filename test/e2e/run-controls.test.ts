// Run does what the button says, in Chromium against the real web host:
// Run starts a new run of the scenario in the editor (a paused replay of the
// old one is not resumed), Space resumes a paused replay, a replay fits in
// about 25 s and says so, Stop is "Skip to end" in a replay, and reopening a
// run from the history puts its scenario back in the editor.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../src/shared/lab-api/lab-api.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { openTab, pickScenario, until, waitForLab } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;

labSuite(
  async () => void ({ host, api, browser, page, errors } = await openLab()),
  () => closeLab(browser, host),
);

const button = (name: string) => page.getByRole('button', { name, exact: true });
const workersField = () => page.getByRole('form', { name: 'Common scenario keys' }).getByLabel('Workers', { exact: true });
const clock = async (): Promise<number> => Number(/t = ([\d.]+)/.exec(await page.getByRole('status', { name: 'Scenario time' }).or(page.locator('output.clock')).first().innerText())?.[1] ?? NaN);
const workersOfRun = async (id: string): Promise<number> => ((await api.getRun({ id })).scenarioSpec as { workers: { count: number } }).workers.count;

describe('run controls', { timeout: 180_000 }, () => {
  it('replays a finished run in about 25 s by default and says how long; Stop reads "Skip to end"', async () => {
    await waitForLab(page);
    await pickScenario(page, /Poison message/);
    await button('Run').click();
    await button('Skip to end').waitFor({ timeout: 60_000 });
    const runs = await api.listRuns();
    expect(runs).toHaveLength(1);
    const duration = runs[0]!.summary!.sim_duration_s;
    const length = await page.locator('.replay-length').innerText();
    const m = /replay (\d+) s at ([\d,.]+)×/.exec(length);
    expect(m, length).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(20);
    expect(Number(m![1])).toBeLessThanOrEqual(30);
    expect(duration / Number(m![2]!.replace(/,/g, ''))).toBeGreaterThanOrEqual(20);
    expect(await page.getByRole('combobox', { name: 'Speed' }).inputValue()).toBe('fit');
    await screenshot(page, 'run-controls-replay');
  });

  it('Space resumes a paused replay; Run after an edit runs the edited scenario, not the paused one', async () => {
    await button('Pause').click();
    await button('Play').waitFor();
    const paused = await clock();
    await page.locator('body').focus();
    await page.keyboard.press('Space');
    await button('Pause').waitFor();
    await until('the replay to move on after Space', clock, (t) => t > paused);
    await button('Pause').click();

    const first = (await api.listRuns())[0]!.id;
    expect(await workersOfRun(first)).toBe(3);
    await openTab(page, 'Scenario');
    await workersField().fill('6');
    await until('the editor to accept 6 workers', () => button('Run').isEnabled(), Boolean);
    await button('Run').click();
    const runs = await until('a second run', () => api.listRuns(), (r) => r.length === 2);
    expect(runs[0]!.id).not.toBe(first);
    expect(await workersOfRun(runs[0]!.id)).toBe(6);
    // The lanes of the new run show six workers.
    await until('the new run open on screen', () => page.getByRole('button', { name: 'Skip to end', exact: true }).count(), (n) => n === 1);
    expect(errors).toEqual([]);
  });

  it('reopening a run from the history loads its scenario into the editor, so Run runs it again', async () => {
    const [, older] = await api.listRuns();
    await page.getByRole('region', { name: 'Run history' }).getByRole('button', { name: /Poison message/ }).nth(1).click();
    await until('the editor to show the reopened run\'s 3 workers', () => workersField().inputValue(), (v) => v === '3');
    expect(await page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('poison-message');
    await button('Skip to end').waitFor();
    await button('Run').click();
    const runs = await until('a third run', () => api.listRuns(), (r) => r.length === 3);
    expect(await workersOfRun(runs[0]!.id)).toBe(3);
    expect(runs[0]!.id).not.toBe(older!.id);
    expect(errors).toEqual([]);
  });

  it('says "Starting workers…" while a live run\'s workers start, until its clock moves', async () => {
    await page.getByRole('radio', { name: 'live' }).check();
    await button('Run').click();
    const starting = page.getByRole('status').filter({ hasText: 'Starting workers…' });
    await starting.waitFor({ timeout: 10_000 });
    await until('the live clock to move past 0', clock, (t) => t > 0, 60_000);
    await starting.waitFor({ state: 'detached', timeout: 10_000 });
    await button('Stop').click();
    await until('the live run to end', async () => (await api.listRuns())[0]!.status, (s) => s !== 'running', 60_000);
    await page.getByRole('radio', { name: 'instant' }).check();
    expect(errors).toEqual([]);
  });
});
