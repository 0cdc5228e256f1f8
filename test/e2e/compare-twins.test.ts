// The retry-storm twins in Chromium against the real web host: open the
// no-jitter run, pair it with its twin in one click (the twin is run on the
// spot), read Compare's conclusion (computed from the two runs' own numbers,
// here recomputed from their stored timelines), see the peak rows, then the
// Charts tab with the outage drawn as a band with an end, retry waves that
// peak at the 400 the lesson card quotes, and scales kept while switching
// runs. Screenshots light and dark; axe on the Compare and Charts views.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../src/shared/lab-api/lab-api.ts';
import { runPeaks } from '../../src/shared/metrics/run-peaks.ts';
import { RunTimeline } from '../../src/shared/timeline/index.ts';
import { compareConclusion } from '../../src/renderer/views/compare/conclusion.ts';
import { diffScenarios } from '../../src/renderer/views/compare/scenario-diff.ts';
import { seriousViolations } from './harness/axe.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { openPage, screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { SCREENSHOTS } from './harness/paths.ts';
import { openTab, until, waitForLab } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;
let stormId: string;

labSuite(
  async () => {
    ({ host, api, browser, page, errors } = await openLab({
      before: async (a) => void (stormId = (await a.runInstant({ builtinKey: 'retry-storm-no-jitter' })).run_id),
    }));
  },
  () => closeLab(browser, host),
);

const compare = (p: Page = page): Locator => p.getByRole('region', { name: 'Compare runs' });
const history = (p: Page = page): Locator => p.getByRole('region', { name: 'Run history' });

async function tallPicture(p: Page, region: Locator, name: string): Promise<string> {
  const size = p.viewportSize()!;
  await p.setViewportSize({ width: size.width, height: 2400 });
  await p.waitForTimeout(300);
  const path = join(SCREENSHOTS, `${name}.png`);
  await region.screenshot({ path });
  await p.setViewportSize(size);
  return path;
}

async function expected(ids: [string, string]): Promise<string> {
  const runs = await Promise.all(ids.map(async (id) => {
    const detail = await api.getRun({ id });
    const timeline = RunTimeline.fromSnapshot(await api.getTimeline({ runId: id }));
    return { detail, concluded: { summary: detail.summary, peaks: runPeaks(timeline) } };
  }));
  return compareConclusion(runs.map((r) => r.concluded), diffScenarios(runs.map((r) => r.detail.scenarioSpec)))[0]!;
}

async function pairWithTwin(p: Page): Promise<void> {
  await waitForLab(p);
  await history(p).getByRole('button', { name: /Retry storm \(no jitter\)/ }).first().click();
  await p.getByRole('button', { name: 'Skip to end', exact: true }).click();
  await openTab(p, 'Compare');
  await compare(p).getByRole('button', { name: /^Compare with its twin: Retry storm after an outage, full jitter/ }).click();
  await compare(p).getByRole('table', { name: 'Compared metrics' }).waitFor({ timeout: 60_000 });
}

describe('Compare teaches the retry-storm twins', { timeout: 240_000 }, () => {
  it('pairs the built-in with its twin in one click, running the twin with the same seed', async () => {
    await pairWithTwin(page);
    const runs = await api.listRuns();
    expect(runs).toHaveLength(2);
    const twin = runs.find((r) => r.id !== stormId)!;
    expect(twin.scenario).toBe('Retry storm (full jitter)');
    expect(twin.seed).toBe(runs.find((r) => r.id === stormId)!.seed);
    const legend = await compare().getByRole('list', { name: 'Compared runs' }).innerText();
    expect(legend).toMatch(/A: Retry storm \(no jitter\)/);
    expect(legend).toMatch(/B: Retry storm \(full jitter\)/);
  });

  it('states its conclusion in a sentence computed from the numbers: jitter cuts the peaks', async () => {
    const twin = (await api.listRuns()).find((r) => r.id !== stormId)!.id;
    const sentence = (await compare().getByRole('region', { name: 'Conclusion' }).getByRole('paragraph').first().innerText()).trim();
    expect(sentence).toBe(await expected([stormId, twin]));
    expect(sentence).toMatch(/lower peak retries after the faults end \(400 retries\/s \u2192 \d\d retries\/s/);
    expect(sentence).toMatch(/, but .*more retries/);
    expect(sentence).toMatch(/throughput is lower .* only because its run was/);
    const table = compare().getByRole('table', { name: 'Compared metrics' });
    for (const row of ['peak_retries', 'peak_retries_after_faults', 'peak_depth', 'drain']) expect(await table.locator(`tr[data-metric="${row}"]`).count(), row).toBe(1);
    expect((await table.locator('tr[data-metric="peak_retries"] td[data-run="A"]').innerText()).trim()).toBe('400');
    expect(await seriousViolations(page, '[aria-label="Compare runs"]')).toEqual([]);
    await tallPicture(page, compare(), 'compare-twins-light');
  });

  it('draws the outage as a band with an end on the charts, and retry waves peak at the 400 the card quotes', async () => {
    await openTab(page, 'Charts');
    const charts = page.getByRole('region', { name: 'Charts' });
    expect(await charts.getByRole('list', { name: 'Faults in this run' }).innerText()).toContain('outage call_api (0 to 40 s; band)');
    // One band with two edges per chart, no open-ended fill.
    const bands = await charts.locator('.ql-fault-band').count();
    expect(bands).toBe(await charts.locator('svg[role="img"]').count() - 1);
    expect(await charts.locator('.ql-fault-edge').count()).toBe(bands * 2);
    const retries = charts.getByRole('img', { name: /^Retry waves/ });
    expect(await retries.getAttribute('aria-label')).toMatch(/peak 400 retries in one second$/);
    // The y-axis title sits above the tick labels, not over them.
    const title = await retries.locator('.ql-axis-label').last().boundingBox();
    for (const tick of await retries.locator('.ql-tick').all()) {
      const box = (await tick.boundingBox())!;
      const overlaps = box.x < title!.x + title!.width && title!.x < box.x + box.width && box.y < title!.y + title!.height && title!.y < box.y + box.height;
      expect(overlaps, `tick ${await tick.textContent()} under the axis title`).toBe(false);
    }
    // The p95 latency of the storm is a line through its few values, not two dots.
    const latency = charts.getByRole('img', { name: /^Latency percentiles/ });
    expect(await latency.locator('circle').count()).toBeGreaterThan(2);
    expect(((await latency.locator('path').nth(1).getAttribute('d')) ?? '').split('L').length).toBeGreaterThan(2);
    await tallPicture(page, charts, 'charts-storm-faults-light');
    expect(await seriousViolations(page, '[aria-label="Charts"]')).toEqual([]);
  });

  it('keeps the y scales while switching runs when asked', async () => {
    const charts = page.getByRole('region', { name: 'Charts' });
    await charts.getByRole('checkbox', { name: /Keep y scales/ }).check();
    const top = async (): Promise<number> => {
      const ticks = await charts.getByRole('img', { name: /^Retry waves/ }).locator(".ql-tick").allTextContents();
      return Math.max(...ticks.filter((t) => t.endsWith('/s')).map((t) => Number(t.replace(/[^\d.]/g, ''))));
    };
    const kept = await top();
    expect(kept).toBeGreaterThanOrEqual(400);
    await history().getByRole('button', { name: /Retry storm \(full jitter\)/ }).first().click();
    await page.getByRole('button', { name: 'Skip to end', exact: true }).click();
    await openTab(page, 'Charts');
    await until('the full-jitter run on the charts', async () => (await charts.getByRole('img', { name: /^Queue depth/ }).count()) === 1 && (await page.locator('.clock-end').innerText()).includes('99'), Boolean);
    expect(await charts.getByRole('img', { name: /^Retry waves/ }).getAttribute('aria-label')).toMatch(/peak 3\d\d retries in one second$/);
    expect(await top()).toBe(kept);
    await charts.getByRole('checkbox', { name: /Keep y scales/ }).uncheck();
    await until('its own, smaller scale once unchecked', top, (v) => v < kept);
    expect(errors).toEqual([]);
  });

  it('dark theme: the Compare sentence and the fault bands, screenshots and axe', async () => {
    const dark = await openPage(browser, host.url, { colorScheme: 'dark' });
    try {
      await pairWithTwin(dark.page);
      await compare(dark.page).getByRole('region', { name: 'Conclusion' }).waitFor();
      expect(await seriousViolations(dark.page, '[aria-label="Compare runs"]')).toEqual([]);
      await tallPicture(dark.page, compare(dark.page), 'compare-twins-dark');
      await openTab(dark.page, 'Charts');
      const charts = dark.page.getByRole('region', { name: 'Charts' });
      await charts.getByRole('list', { name: 'Faults in this run' }).waitFor();
      expect(await seriousViolations(dark.page, '[aria-label="Charts"]')).toEqual([]);
      await tallPicture(dark.page, charts, 'charts-storm-faults-dark');
      await screenshot(dark.page, 'lanes-storm-faults-dark');
      expect(dark.errors).toEqual([]);
    } finally {
      await dark.context.close();
    }
  });
});
