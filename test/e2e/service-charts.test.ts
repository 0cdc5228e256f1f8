// The service charts in the lab: a run of metastable-retry-storm (its jobs
// call a service) shows them, with the trigger band, calls per job and the
// callers in flight; an M/M/3 run (no services) does not. Photographed at
// 1280x720 and 1024x768. Then the charts of what the run measured on the
// service side over time (issue 13): utilization against open slots, calls
// in service and queued, and for metastable-circuit-breaker the breaker's
// state, from the overload_samples the instant runs stored.
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../src/shared/lab-api/lab-api.ts';
import type { RunSummary } from '../../src/shared/metrics/run-summary.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { launchChromium, openPage, screenshot } from './harness/browser.ts';
import { startLabHost, type LabHost } from './harness/lab-host.ts';
import { ensureRendererBuild } from './harness/renderer-build.ts';
import { openTab, waitForLab } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;
let storm: RunSummary;
let plain: RunSummary;
let breaker: RunSummary;

labSuite(
  async () => {
    ensureRendererBuild();
    host = await startLabHost();
    api = await host.api();
    storm = await api.runInstant({ builtinKey: 'metastable-retry-storm' });
    plain = await api.runInstant({ builtinKey: 'php-mysql-simulator' });
    breaker = await api.runInstant({ builtinKey: 'metastable-circuit-breaker' });
    browser = await launchChromium();
    ({ page, errors } = await openPage(browser, host.url, { width: 1280, height: 720 }));
    await waitForLab(page);
  },
  () => closeLab(browser, host),
);

async function openStored(runId: string): Promise<void> {
  await page.getByRole('region', { name: 'Run history' }).getByRole("button", { name: new RegExp(`#${runId}`) }).first().click();
  await page.getByText(new RegExp(`Run ${runId} of`)).first().waitFor({ timeout: 30_000 });
}

describe('service charts', { timeout: 180_000 }, () => {
  it('a run whose jobs call a service shows the service charts with its trigger marked', async () => {
    expect(storm.verdict?.kind).toBe('metastable');
    await openStored(storm.run_id);
    await openTab(page, 'Charts');
    const charts = page.getByRole('region', { name: 'Charts' });
    await charts.getByRole('heading', { name: 'Downstream service' }).waitFor();
    for (const title of ['Offered load vs goodput around the trigger', 'Amplification: calls per job', 'Callers waiting on the service']) {
      expect(await charts.getByText(title, { exact: true }).count(), title).toBe(1);
    }
    // The trigger (10 s at 20% capacity from t=30 s) is named above the charts.
    expect(await charts.getByRole('list', { name: 'Faults in this run' }).innerText()).toMatch(/api/);
    await charts.getByRole('heading', { name: 'Downstream service' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'service-charts-1280x720');
    // Every tab stays reachable at this width (the tab list wraps rather than clipping Sweep).
    const tab = await page.getByRole('tab', { name: 'Sweep' }).boundingBox();
    const list = await page.getByRole('tablist', { name: 'Run details' }).boundingBox();
    expect(tab!.x + tab!.width).toBeLessThanOrEqual(list!.x + list!.width + 1);
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 1280, height: 2400 });
    await page.waitForTimeout(300);
    await charts.screenshot({ path: await screenshot(page, 'service-charts-region') });
    await page.setViewportSize(size);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(300);
    await charts.getByRole('heading', { name: 'Downstream service' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'service-charts-1024x768');
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(errors).toEqual([]);
  });

  it('a run without services does not show them', async () => {
    await openStored(plain.run_id);
    await openTab(page, 'Charts');
    const charts = page.getByRole('region', { name: 'Charts' });
    await charts.getByText('Throughput', { exact: true }).waitFor();
    expect(await charts.getByRole('heading', { name: 'Downstream service' }).count()).toBe(0);
  });
});

async function openCharts(runId: string): Promise<Locator> {
  await openStored(runId);
  await openTab(page, 'Charts');
  const charts = page.getByRole('region', { name: 'Charts' });
  await charts.getByText('Service utilization', { exact: true }).waitFor({ timeout: 30_000 });
  return charts;
}

/** The longest line a chart draws: the number of its path commands. */
async function pathCommands(chart: Locator): Promise<number> {
  const ds = await chart.locator('path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''));
  return Math.max(0, ...ds.map((d) => (d.match(/[ML]/g) ?? []).length));
}

const figure = (charts: Locator, title: string): Locator => charts.locator('figure').filter({ has: page.getByText(title, { exact: true }) });

async function photograph(charts: Locator, title: string, name: string): Promise<void> {
  for (const [width, height] of [[1280, 720], [1024, 768]] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    await figure(charts, title).scrollIntoViewIfNeeded();
    await figure(charts, title).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, `${name}-${width}x${height}`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe('overload charts', { timeout: 180_000 }, () => {
  it('the retry storm: utilization and the service queue over time, with the trigger band', async () => {
    expect(storm.verdict?.kind).toBe('metastable');
    const series = await api.getOverloadSeries({ runId: storm.run_id });
    const queued = series.find((s) => s.name === 'api' && s.metric === 'queued')!;
    // The backlog retries keep alive: thousands of calls queued at the end of the load.
    expect(Math.max(...queued.value)).toBeGreaterThan(1000);
    const charts = await openCharts(storm.run_id);
    const utilization = figure(charts, 'Service utilization');
    const queue = figure(charts, 'Calls at the service: in service and queued');
    expect(await pathCommands(utilization)).toBeGreaterThan(200);
    expect(await pathCommands(queue)).toBeGreaterThan(200);
    // The trigger band is drawn on them, and the storm has no defence to chart.
    expect(await utilization.locator('.ql-fault-band').count()).toBeGreaterThan(0);
    expect(await charts.getByText('Circuit breaker state', { exact: true }).count()).toBe(0);
    expect(await charts.getByText('Retry budget: tokens left', { exact: true }).count()).toBe(0);
    await photograph(charts, 'Service utilization', 'overload-charts-storm');
    expect(errors).toEqual([]);
  });

  it('the circuit-breaker twin: the breaker state over time, opening after the trigger', async () => {
    expect(breaker.verdict?.kind).toBe('recovered');
    const charts = await openCharts(breaker.run_id);
    const chart = figure(charts, 'Circuit breaker state');
    await chart.waitFor();
    const label = (await chart.locator('svg[role="img"]').getAttribute('aria-label'))!;
    const opened = Number(/opened (\d+) time/.exec(label)?.[1]);
    expect(opened).toBeGreaterThanOrEqual(1);
    // Open spells are shaded, and the step line has a corner for every change.
    expect(await chart.locator('.ql-breaker-bands rect').count()).toBeGreaterThanOrEqual(opened);
    expect(await pathCommands(chart)).toBeGreaterThanOrEqual(2 * opened);
    await photograph(charts, 'Calls at the service: in service and queued', 'overload-charts-breaker');
    expect(errors).toEqual([]);
  });
});
