// A sweep run from the lab's Sweep tab, in Chromium against the real web
// host: the grid has one cell per combination, fills in while the sweep runs
// (progress shown), and each cell's colour and label are the stored sweep's
// numbers; a cell opens its run. Photographed at 1280x720 and 1024x768.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi, SweepDetail } from '../../src/shared/lab-api/lab-api.ts';
import { findSweepMetric } from '../../src/shared/sweep/sweep-metrics.ts';
import { goodness, metricColour, VERDICT_STYLE } from '../../src/renderer/views/sweep/sweep-colors.ts';
import { findBuiltin } from '../../src/shared/library/index.ts';
import { sweepGrid } from '../../src/renderer/views/sweep/sweep-grid.ts';
import { seriousViolations } from './harness/axe.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { openTab, pickScenario, until } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;

labSuite(
  async () => void ({ host, api, browser, page, errors } = await openLab({ width: 1280, height: 720, ready: true })),
  () => closeLab(browser, host),
);

/** Runs in the page: the element's computed background (the test's tsconfig has no DOM types). */
const backgroundOf = (el: unknown): string =>
  (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor;

const sweepTab = (p: Page = page) => p.getByRole('region', { name: 'Sweep' });

describe('a sweep in the lab', { timeout: 180_000 }, () => {
  let stored: SweepDetail;

  it('runs a sweep of the scenario in the editor over two keys, with progress, into a grid of one cell per combination', async () => {
    await pickScenario(page, /PHP \+ MySQL simulator/);
    await openTab(page, 'Sweep');
    const form = sweepTab().getByRole('form', { name: 'New sweep' });
    await form.getByRole('group', { name: 'Rows' }).getByRole('combobox', { name: 'Key' }).fill('workers.count');
    await form.getByRole('group', { name: 'Rows' }).getByRole('textbox', { name: 'Values' }).fill('2, 3, 4');
    await form.getByRole('group', { name: /Columns/ }).getByRole('combobox', { name: 'Key' }).fill('retry.maxAttempts');
    await form.getByRole('group', { name: /Columns/ }).getByRole('textbox', { name: 'Values' }).fill('1, 3');
    await form.getByRole('spinbutton', { name: 'Seeds per cell' }).fill('3');
    await form.getByRole('button', { name: 'Run sweep' }).click();
    // 18 runs on one or two worker processes: the progress bar is there while they run.
    const progress = sweepTab().getByRole('progressbar', { name: 'Sweep progress' });
    await progress.waitFor({ timeout: 15_000 });
    const done = Number(await progress.getAttribute('value'));
    expect(done).toBeLessThan(18);
    await sweepTab().scrollIntoViewIfNeeded();
    await screenshot(page, 'sweep-running-1280x720');
    await until('the sweep to finish', () => progress.count(), (n) => n === 0, 120_000);

    const sweeps = await api.listSweeps();
    expect(sweeps).toHaveLength(1);
    stored = await api.getSweep({ sweepId: sweeps[0]!.id });
    expect(stored).toMatchObject({ status: 'completed', total: 18, done: 18 });
    const cells = sweepTab().locator('table.sweep-grid td.sweep-cell');
    expect(await cells.count()).toBe(6);
    expect(await sweepTab().locator('table.sweep-grid').getByRole('button').count()).toBe(6);
    expect(errors).toEqual([]);
  });

  it('colours and labels each cell with the stored numbers of its runs (mean over its seeds)', async () => {
    await sweepTab().getByRole('combobox', { name: 'Colour by' }).selectOption({ label: 'dead jobs' });
    const metric = findSweepMetric('dead')!;
    const grid = sweepGrid(stored, metric);
    for (const [row, workers] of [2, 3, 4].entries()) {
      for (const [column, attempts] of [1, 3].entries()) {
        const runs = stored.runs.filter((r) => r.values['workers.count'] === workers && r.values['retry.maxAttempts'] === attempts);
        expect(runs).toHaveLength(3);
        const mean = runs.reduce((sum, r) => sum + r.summary.jobs.dead, 0) / 3;
        expect(grid.cells[row]![column]!.mean).toBe(mean);
        const button = sweepTab().locator('table.sweep-grid tbody tr').nth(row).getByRole('button').nth(column);
        const label = await button.getAttribute('aria-label');
        expect(label).toContain(`workers.count=${workers}, retry.maxAttempts=${attempts}`);
        expect(label).toContain(`dead jobs ${mean.toFixed(0)} (mean of 3 seeds)`);
        expect(label).toContain(`Opens run ${runs.sort((a, b) => a.seed - b.seed)[0]!.runId}`);
        const expected = metricColour(goodness(mean, grid.range!, metric)).fill;
        expect(await button.evaluate(backgroundOf)).toBe(expected);
      }
    }
    // One attempt lets every failure die; three rescue most: the two columns differ, and so do their colours.
    const one = sweepTab().locator('table.sweep-grid tbody tr').first().getByRole('button');
    const background = (i: number) => one.nth(i).evaluate(backgroundOf);
    expect(await background(0)).not.toBe(await background(1));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sweep-grid-1280x720');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(200);
    await screenshot(page, 'sweep-grid-1024x768');
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('a cell is reachable by keyboard and opens its run', async () => {
    const cell = sweepTab().locator('table.sweep-grid tbody tr').nth(1).getByRole('button').nth(1);
    const runId = await cell.getAttribute('data-run-id');
    await cell.focus();
    await page.keyboard.press('Enter');
    await page.getByText(new RegExp(`Run ${runId} of`)).first().waitFor({ timeout: 20_000 });
    const opened = stored.runs.find((r) => r.runId === runId)!;
    expect(opened.values).toEqual({ 'workers.count': 3, 'retry.maxAttempts': 3 });
    expect(errors).toEqual([]);
  });

  it('colours a sweep of the metastable storm by verdict: each cell the verdict its stored run reports', async () => {
    const base = structuredClone(findBuiltin('metastable-retry-storm')!.scenario) as Record<string, unknown> & { producers: { count: number }[] };
    base.producers[0]!.count = 6000;
    const vary = [
      { path: 'services.api.windows[0].to', values: [31, 40] },
      { path: 'retry.maxAttempts', values: [1, 3] },
    ];
    const { sweepId } = await api.startSweep({ scenario: base, vary });
    let sweep: SweepDetail;
    do {
      await page.waitForTimeout(300);
      sweep = await api.getSweep({ sweepId });
    } while (sweep.status === 'running');
    expect(sweep.status).toBe('completed');
    // Started elsewhere (the api, another window): the tab lists it when shown again.
    await openTab(page, 'Charts');
    await openTab(page, 'Sweep');
    await sweepTab().getByRole('combobox', { name: 'Stored sweeps' }).selectOption(sweepId);
    await sweepTab().getByRole('combobox', { name: 'Colour by' }).selectOption({ label: 'verdict (recovered / metastable)' });
    const buttons = sweepTab().locator('table.sweep-grid').getByRole('button');
    await until('four cells', () => buttons.count(), (n) => n === 4);
    const kinds = new Set<string>();
    for (const run of sweep.runs) {
      const kind = run.summary.verdict!.kind;
      kinds.add(kind);
      const cell = sweepTab().locator(`button[data-run-id="${run.runId}"]`);
      expect(await cell.getAttribute('data-verdict')).toBe(kind);
      expect(await cell.getAttribute('aria-label')).toContain(`verdict ${kind}`);
      const rgb = VERDICT_STYLE[kind].colour.match(/[0-9A-F]{2}/gi)!.map((h) => parseInt(h, 16)).join(', ');
      expect(await cell.evaluate(backgroundOf)).toBe(`rgb(${rgb})`);
    }
    // Retries after a long trigger tip it over; one attempt (no retries) does not.
    expect([...kinds].sort()).toEqual(['metastable', 'recovered']);
    await sweepTab().locator('table.sweep-grid').scrollIntoViewIfNeeded();
    await screenshot(page, 'sweep-verdicts-1280x720');
  });

  it('runs the built-in jitter sweep from the tab: one cell per client count and strategy, calls the metric', async () => {
    await sweepTab().getByRole('button', { name: /^Jitter study: calls and time to finish by number of clients/ }).click();
    const buttons = sweepTab().locator('table.sweep-grid').getByRole('button');
    await until('twenty cells', () => buttons.count(), (n) => n === 20, 60_000);
    await until('the sweep to finish', () => sweepTab().innerText(), (t) => !/Sweep running/.test(t), 60_000);
    await sweepTab().getByRole('combobox', { name: 'Colour by' }).selectOption({ label: 'service calls' });
    const sweeps = await api.listSweeps();
    const sweep = await api.getSweep({ sweepId: sweeps[0]!.id });
    expect(sweep.runs).toHaveLength(20);
    const calls = (n: number, jitter: string): number =>
      sweep.runs.find((r) => r.values['producers[0].count'] === n && r.values['retry.jitter'] === jitter)!.summary.downstream!.calls;
    expect(calls(200, 'full')).toBeLessThanOrEqual(calls(200, 'none') / 2);
    await sweepTab().locator('table.sweep-grid').scrollIntoViewIfNeeded();
    await screenshot(page, 'sweep-jitter-clients-1280x720');
    expect(errors).toEqual([]);
  });
});
