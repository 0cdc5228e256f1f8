// Comparing runs in the lab, in Chromium against the real web host: two
// stored runs of the M/M/3 scenario that differ only in workers.count (same
// seed) and a retry storm. Picked in the Compare tab, the table shows each
// run's summary numbers, the diff names the changed key, the seed sentence
// says the difference is the policy alone, and Erlang C appears for the M/M/c
// runs while the storm says why it is not M/M/c. Scanned with axe and
// photographed in both themes.
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/shared/metrics/run-summary.ts';
import { findBuiltin } from '../../src/shared/library/index.ts';
import type { ScenarioInput } from '../../src/shared/scenario/schema.ts';
import { COMPARE_METRICS, formatMetric } from '../../src/renderer/views/compare/metric-rows.ts';
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
const summaries: Record<'A' | 'B' | 'storm', RunSummary> = {} as never;

function mm3(workers: number): ScenarioInput {
  const base = findBuiltin('mm3-baseline')!.scenario;
  return { ...base, producers: [{ queue: 'default', jobType: 'work', count: 4000, arrival: { kind: 'poisson', rate: 2.4 } }], workers: { count: workers, concurrency: 1 } };
}

labSuite(
  async () => {
    ({ host, browser, page, errors } = await openLab({
      // Oldest first: A is the baseline, B the what-if, the storm something else entirely.
      before: async (a) => {
        summaries.A = await a.runInstant({ scenario: mm3(3) as Record<string, unknown> });
        summaries.B = await a.runInstant({ scenario: mm3(4) as Record<string, unknown> });
        summaries.storm = await a.runInstant({ builtinKey: 'retry-storm-no-jitter' });
      },
    }));
  },
  () => closeLab(browser, host),
);

const compare = (p: Page = page): Locator => p.getByRole('region', { name: 'Compare runs' });
const picker = (p: Page = page): Locator => compare(p).getByRole('group', { name: /Runs to compare/ });
const table = (p: Page = page): Locator => compare(p).getByRole('table', { name: 'Compared metrics' });

/** The run list is newest first: the storm, then B, then A. Picks A then B (A is the baseline). */
async function pickAB(p: Page): Promise<void> {
  await openTab(p, 'Compare');
  const boxes = picker(p).getByRole('checkbox');
  await until('three stored runs to pick from', () => boxes.count(), (n) => n === 3);
  await boxes.nth(2).check();
  await boxes.nth(1).check();
  await table(p).waitFor({ timeout: 30_000 });
  await compare(p).getByRole('img', { name: /^Throughput/ }).waitFor();
}

/** The whole tab, charts and theory included, for a person to look at: a tall window, so the tab panel does not scroll. */
async function tabPicture(p: Page, name: string): Promise<void> {
  const size = p.viewportSize()!;
  await p.setViewportSize({ width: size.width, height: 2600 });
  await p.waitForTimeout(300);
  await compare(p).screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  await p.setViewportSize(size);
}

async function cellText(row: string, run: string): Promise<string> {
  return (await table().locator(`tr[data-metric="${row}"] td[data-run="${run}"]`).innerText()).trim();
}

describe('comparing runs', { timeout: 180_000 }, () => {
  it('shows the picked runs\' summary numbers side by side, with deltas against A', async () => {
    await waitForLab(page);
    await pickAB(page);
    for (const metric of COMPARE_METRICS) {
      expect(await cellText(metric.key, 'A'), `${metric.key} of A`).toBe(formatMetric(metric, metric.read(summaries.A)));
      expect(await cellText(metric.key, 'B'), `${metric.key} of B`).toBe(formatMetric(metric, metric.read(summaries.B)));
    }
    // The same numbers read straight from the summaries, not through the table's own definitions.
    expect(await cellText('succeeded', 'A')).toBe(summaries.A.jobs.succeeded.toLocaleString('en-US'));
    expect(await cellText('wait_mean', 'B')).toBe(summaries.B.latency_s.wait_mean.toFixed(2));
    expect(await cellText('throughput', 'B')).toBe(summaries.B.throughput_per_s.toFixed(2));
    // Four workers wait less than three: the delta is negative, with a percent.
    const waitRow = await table().locator('tr[data-metric="wait_mean"]').innerText();
    expect(waitRow).toMatch(/\u2212\d+\.\d\d s \(\u2212\d+\.\d %\)/);
    expect(await table().getByRole('columnheader', { name: 'Δ B vs A' }).count()).toBe(1);
  });

  it('names the scenario key that differs, and says the same seed isolates the policy', async () => {
    expect(await compare().getByLabel('Scenario differences').innerText()).toContain('workers.count: 3 -> 4');
    await compare().getByText('Same seed: same arrivals and the same draws, so the difference is the policy alone.').waitFor();
    const legend = await compare().getByRole('list', { name: 'Compared runs' }).innerText();
    expect(legend).toContain('A: M/M/3 at 80% load · workers.count=3 · seed 42');
    expect(legend).toContain('B: M/M/3 at 80% load · workers.count=4 · seed 42');
  });

  it('puts Erlang C next to the measured wait of each M/M/c run', async () => {
    const theory = compare().getByRole('region', { name: /Theory: Erlang C/ });
    await theory.getByRole('table', { name: /^A: M\/M\/3/ }).waitFor();
    await theory.getByRole('table', { name: /^B: M\/M\/4/ }).waitFor();
    const a = await theory.getByRole('table', { name: /^A: M\/M\/3/ }).innerText();
    expect(a).toContain(summaries.A.theory!.wait_mean.toFixed(2));
    expect(a).toContain(summaries.A.latency_s.wait_mean.toFixed(2));
  });

  it('has no serious or critical axe violations, light and dark; screenshots', async () => {
    await compare().scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await screenshot(page, 'compare-light');
    await tabPicture(page, 'compare-light-tab');
    expect(await seriousViolations(page, '[aria-label="Compare runs"]')).toEqual([]);

    const dark = await openPage(browser, host.url, { colorScheme: 'dark' });
    try {
      await waitForLab(dark.page);
      await pickAB(dark.page);
      await compare(dark.page).scrollIntoViewIfNeeded();
      await dark.page.waitForTimeout(300);
      await screenshot(dark.page, 'compare-dark');
      await tabPicture(dark.page, 'compare-dark-tab');
      expect(await seriousViolations(dark.page, '[aria-label="Compare runs"]')).toEqual([]);
      expect(dark.errors).toEqual([]);
    } finally {
      await dark.context.close();
    }
  });

  it('compares the open run with the previous run of its scenario in one click, and says why a storm is not M/M/c', async () => {
    // Open B from the history: the previous run of its scenario is A.
    await page.getByRole('region', { name: 'Run history' }).getByRole('button', { name: /M\/M\/3 at 80% load/ }).first().click();
    // The Stats panel puts Erlang C next to the open run's measured wait.
    const stats = page.getByRole('region', { name: 'Stats' });
    const statsTheory = stats.getByRole('table', { name: /^M\/M\/4, λ = 2\.40\/s/ });
    await statsTheory.waitFor();
    expect(await statsTheory.innerText()).toContain(summaries.B.theory!.wait_mean.toFixed(2));
    await statsTheory.scrollIntoViewIfNeeded();
    await stats.screenshot({ path: join(SCREENSHOTS, 'compare-stats-theory.png') });
    await compare().getByRole('button', { name: 'Clear' }).click();
    await compare().getByRole('button', { name: 'Compare with the previous run of this scenario' }).click();
    const boxes = picker().getByRole('checkbox');
    await until('A and B picked', async () => [await boxes.nth(2).isChecked(), await boxes.nth(1).isChecked(), await boxes.nth(0).isChecked()], (v) => v.join() === 'true,true,false');
    // Add the storm as C: a different scenario and seed.
    await boxes.nth(0).check();
    await until('three runs compared', () => table().getByRole('columnheader', { name: 'Δ C vs A' }).count(), (n) => n === 1);
    expect(await cellText('retries', 'C')).toBe(formatMetric(COMPARE_METRICS[2]!, summaries.storm.attempts.retries));
    const theory = await compare().getByRole('region', { name: /Theory: Erlang C/ }).innerText();
    expect(theory).toMatch(/C: Not M\/M\/c: .*faults injected \(outage/);
    const seedLine = summaries.storm.seed === 42 ? /Same seed/ : /Different seeds .* part of the difference is chance/;
    expect(await compare().innerText()).toMatch(seedLine);
    await tabPicture(page, 'compare-three-runs-light');
    expect(errors).toEqual([]);
  });
});
