// The Stats panel's overload block in Chromium against the real web host:
// the metastable built-in shows its verdict and downstream figures as the
// run's summary has them, and its defended twin says Recovered (issue 13).
// Photographed at 1280x720 and 1024x768.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../src/shared/lab-api/lab-api.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { stats, waitForLab } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;

labSuite(
  async () => void ({ host, api, browser, page, errors } = await openLab({ width: 1280, height: 720, ready: true })),
  () => closeLab(browser, host),
);

async function openRun(title: RegExp): Promise<void> {
  await page.getByRole('region', { name: 'Run history' }).getByRole('button', { name: title }).first().click();
  await page.getByRole('progressbar', { name: 'Progress: of the run' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Skip to end', exact: true }).click();
}

describe('Stats: overload and verdict', { timeout: 180_000 }, () => {
  it('shows Metastable with the summary\'s downstream figures, and Recovered for the circuit-breaker twin', async () => {
    const storm = await api.runInstant({ builtinKey: 'metastable-retry-storm' });
    await api.runInstant({ builtinKey: 'metastable-circuit-breaker' });
    await page.reload();
    await waitForLab(page);

    await openRun(/Metastable retry storm(?!,)/);
    const block = stats(page).getByLabel('Overload');
    await block.waitFor({ timeout: 30_000 });
    await expect.poll(() => block.locator('[data-verdict]').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('metastable');
    const text = await block.innerText();
    expect(text).toContain(storm.downstream!.calls.toLocaleString('en-US'));
    expect(text).toContain(storm.downstream!.wasted.toLocaleString('en-US'));
    expect(text).toContain(storm.downstream!.amplification.toFixed(2));
    expect(text).toMatch(/Metastable: goodput \d+\.\d jobs\/s before the trigger/);
    await block.scrollIntoViewIfNeeded();
    await screenshot(page, 'stats-overload-metastable');

    await openRun(/circuit breaker/);
    await expect.poll(() => stats(page).getByLabel('Overload').locator('[data-verdict]').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('recovered');
    expect(await stats(page).getByLabel('Overload').innerText()).toMatch(/calls by the circuit breaker/);
    await stats(page).getByLabel('Overload').scrollIntoViewIfNeeded();
    await screenshot(page, 'stats-overload-recovered');
    // The projector size: the block still fits the column, nothing spills sideways.
    await page.setViewportSize({ width: 1024, height: 768 });
    const box = await stats(page).getByLabel('Overload').boundingBox();
    const column = await stats(page).boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(column!.x + column!.width + 1);
    await stats(page).getByLabel('Overload').scrollIntoViewIfNeeded();
    await screenshot(page, 'stats-overload-1024');
    expect(errors).toEqual([]);
  });
});
