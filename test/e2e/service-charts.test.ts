// The service charts in the lab: a run of metastable-retry-storm (its jobs
// call a service) shows them, with the trigger band, calls per job and the
// callers in flight; an M/M/3 run (no services) does not. Photographed at
// 1280x720 and 1024x768.
import type { Browser, Page } from 'playwright-core';
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

labSuite(
  async () => {
    ensureRendererBuild();
    host = await startLabHost();
    api = await host.api();
    storm = await api.runInstant({ builtinKey: 'metastable-retry-storm' });
    plain = await api.runInstant({ builtinKey: 'php-mysql-simulator' });
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
