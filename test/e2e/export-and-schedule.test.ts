// Issue 5 in the browser: the retry-schedule preview under the scenario
// editor follows the form as the user edits it, and the header's Export
// downloads the self-contained HTML report of the open run. Chromium against
// the real web host, one page, in order, as one session would.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../src/shared/lab-api/lab-api.ts';
import { laravelNotificationWorker } from '../../src/shared/library/seed-systems.ts';
import { resolveRetryPolicy } from '../../src/shared/retry/backoff.ts';
import { previewRetrySchedule, secondsText } from '../../src/shared/retry/schedule-preview.ts';
import { parseScenarioText } from '../../src/shared/scenario/validate.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { pickScenario, until, waitForLab } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;

labSuite(
  async () => void ({ host, api, browser, page, errors } = await openLab()),
  () => closeLab(browser, host),
);

/** The bases the shared preview computes for the Laravel preset with max attempts set to `maxAttempts`. */
function expectedBases(maxAttempts?: number): string[] {
  const parsed = parseScenarioText(JSON.stringify(laravelNotificationWorker.scenario), 'json');
  if (!parsed.ok) throw new Error('the preset does not validate');
  const { scenario } = parsed;
  const policy = resolveRetryPolicy({ ...scenario.retry, ...(maxAttempts === undefined ? {} : { maxAttempts }) }, scenario.jobTypes.notify!.retry);
  return previewRetrySchedule(policy, { samples: 1 }).rows.map((r) => secondsText(r.base));
}

const table = () => page.getByRole('table', { name: 'Retry schedule of notify' });
const preview = () => page.locator('details.schedule-preview');

/** The Base column, read in one go: row by row, a re-render between reads would leave a locator waiting for a row that is gone. */
async function baseColumn(): Promise<string[]> {
  return (await table().locator('tbody tr > td:nth-of-type(1)').allInnerTexts()).map((t) => t.trim());
}

describe('retry-schedule preview and report export', { timeout: 180_000 }, () => {
  it('the editor previews the Laravel worker’s retries: 4 retries with the shared preview’s bases', async () => {
    await waitForLab(page);
    await pickScenario(page, /Laravel notification worker/);
    await table().waitFor({ timeout: 20_000 });
    const expected = expectedBases();
    expect(expected).toHaveLength(4);
    expect(await until('the four retries of the preset', baseColumn, (b) => b.length === 4)).toEqual(expected);
    const text = await preview().innerText();
    expect(text).toMatch(/A job that always fails reaches the dead-letter table after about \d+(\.\d+)? s \(p10–p90: \d+(\.\d+)? (s|min) to \d+(\.\d+)? (s|min)\)/);
    expect(text).toContain('5 attempts; backoff exponential 4 s × 2^(n−1), at most 300 s; equal jitter');
    // The chart: one bar per retry.
    const chart = preview().getByRole('img', { name: /^Delay before each retry: 4 retries/ });
    expect(await chart.locator('rect').count()).toBeGreaterThanOrEqual(4);
  });

  it('follows the form: max attempts 7 gives 6 retries; an invalid value keeps the last schedule, greyed, with a note', async () => {
    await page.getByLabel('Max attempts').fill('7');
    const expected = expectedBases(7);
    expect(expected).toHaveLength(6);
    expect(await until('six retries after the edit', baseColumn, (b) => b.length === 6)).toEqual(expected);
    await table().scrollIntoViewIfNeeded();
    await screenshot(page, 'editor-schedule');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await screenshot(page, 'editor-schedule-dark');
    await page.getByRole('button', { name: 'Light theme' }).click();

    await page.getByLabel('Max attempts').fill('0');
    await preview().getByText('The scenario has errors: this is the schedule of its last valid version.').waitFor();
    expect(await baseColumn()).toEqual(expected);
    await screenshot(page, 'editor-schedule-stale');
    await page.getByLabel('Max attempts').fill('5');
    const back = expectedBases();
    expect(await until('the schedule of 5 attempts again', baseColumn, (b) => b.length === back.length)).toEqual(back);
    expect(await preview().getByText(/last valid version/).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('Export is disabled without a run, then downloads the open run’s self-contained HTML report', async () => {
    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    expect(await exportButton.isDisabled()).toBe(true);
    await pickScenario(page, /Poison message/);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await until('Export to be enabled for the run', () => exportButton.isEnabled(), Boolean, 60_000);
    const [run] = await api.listRuns();
    expect(run?.summary).toBeTruthy();

    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    expect(download.suggestedFilename()).toBe(`queue-lab-poison-message-${run!.id}.html`);
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(run!.id);
    expect(html).toContain(`<data value="${run!.summary!.jobs.dead}" data-metric="jobs.dead">`);
    expect(html).toContain('<script type="application/json" id="queue-lab-results">');
    // Self-contained: nothing to fetch.
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    await page.getByRole('status').filter({ hasText: `Downloaded queue-lab-poison-message-${run!.id}.html` }).waitFor();
    await screenshot(page, 'export-downloaded');

    // JSON too: the report data, parsed.
    await page.getByRole('combobox', { name: 'Report format' }).selectOption('json');
    const [json] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const data = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { run: { id: string } };
    expect(data.run.id).toBe(run!.id);
    expect(errors).toEqual([]);
  });
});
