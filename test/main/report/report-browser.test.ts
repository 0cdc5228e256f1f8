// The HTML report opened in Debian's Chromium, as a student would open it:
// from a file, offline. Every request is recorded (only the file itself may
// be loaded), the charts must be there and fit the page, the numbers shown
// must be the run's summary, and a screenshot and the first PDF page are
// kept in test-results/screenshots/ for a person to look at.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/shared/metrics/run-summary.ts';
import { valueAt } from '../../../src/shared/report/index.ts';
import { launchChromium } from '../../e2e/harness/browser.ts';
import { SCREENSHOTS } from '../../e2e/harness/paths.ts';
import { roundsTo, shownNumber } from '../../shared/report/report-fixture.ts';
import { cli, makeSandbox, type Sandbox } from '../cli/cli-helpers.ts';

let box: Sandbox;
let summary: RunSummary;
let browser: Browser;
let page: Page;
let fileUrl: string;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  box = makeSandbox('report-browser');
  const html = join(box.dir, 'report.html');
  // A scenario with retries, dead letters and several workers, so every chart has something to draw.
  const r = cli(box, ['run', 'poison-message', '--db', join(box.dir, 'lab.db'), '--json', '--report', html]);
  expect(r.status, r.stderr).toBe(0);
  summary = JSON.parse(r.stdout) as RunSummary;
  fileUrl = pathToFileURL(html).href;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme: 'light' });
  page = await context.newPage();
  page.on('request', (req) => requests.push(req.url()));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(fileUrl, { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
  box?.cleanup();
});

describe('the HTML report in Chromium', () => {
  it('loads nothing but itself, with no error or CSP complaint', () => {
    expect(requests).toEqual([fileUrl]);
    expect(problems).toEqual([]);
  });

  it('shows the five charts as SVG, each drawn and as wide as its column', async () => {
    for (const id of ['chart-flow', 'chart-depth', 'chart-latency', 'chart-retry', 'chart-lanes']) {
      const chart = page.locator(`svg#${id}`);
      const box = await chart.boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.width, id).toBeGreaterThan(600);
      expect(box!.height, id).toBeGreaterThan(60);
      expect(await chart.locator('path, rect').count(), id).toBeGreaterThan(3);
    }
  });

  it('shows the numbers of the run summary', async () => {
    const shown = await page.$$eval('[data-metric]', (els) => els.map((e) => ({
      path: e.getAttribute('data-metric')!, value: Number(e.getAttribute('value')), text: (e.textContent ?? '').trim(),
    })));
    expect(shown.length).toBeGreaterThanOrEqual(25);
    for (const { path, value, text } of shown) {
      const exact = path === 'dead_letters.total' ? summary.jobs.dead : valueAt(summary, path) as number;
      expect(value, path).toBe(exact);
      expect(roundsTo(shownNumber(text), exact, text.endsWith('%')), `${path}: "${text}" for ${exact}`).toBe(true);
    }
    const flow = await page.$$eval('#chart-flow [data-state]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-state'), e.textContent])));
    expect(flow.succeeded).toContain(summary.jobs.succeeded.toLocaleString('en-US'));
    expect(flow.dead).toContain(String(summary.jobs.dead));
    expect(flow.new).toContain(summary.jobs.total.toLocaleString('en-US'));
    const embedded = await page.$eval('#queue-lab-results', (e) => JSON.parse(e.textContent!) as { summary: unknown });
    expect(embedded.summary).toEqual(summary);
  });

  it('keeps every chart inside an A4 page when printed', async () => {
    await page.emulateMedia({ media: 'print' });
    // A4 less the 12 mm side margins of @page, at 96 px per inch.
    const printable = Math.floor(((210 - 24) / 25.4) * 96);
    await page.setViewportSize({ width: printable, height: 1000 });
    const right = await page.$$eval('svg.chart', (els) => els.map((e) => e.getBoundingClientRect().right));
    expect(right.length).toBe(6);
    for (const r of right) expect(r).toBeLessThanOrEqual(printable);
    await page.setViewportSize({ width: 1100, height: 900 });
    // null, not 'screen': an emulated screen medium would also be what page.pdf() prints.
    await page.emulateMedia({ media: null });
  });

  it('leaves a screenshot and the first PDF page to look at', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const png = join(SCREENSHOTS, 'report.png');
    await page.screenshot({ path: png, fullPage: true });
    expect(statSync(png).size).toBeGreaterThan(20_000);
    const pdf = join(box.dir, 'report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pdfInfo = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(pdfInfo.status, 'pdfinfo (poppler-utils) must be installed').toBe(0);
    const pages = Number(/Pages:\s+(\d+)/.exec(pdfInfo.stdout)![1]);
    // The print stylesheet's page breaks: summary alone, then flow + depth, latency + retry delays, retry arrivals + lanes, dead letters, scenario.
    expect(pages).toBe(6);
    const text = (n: number): string => spawnSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text(1)).toContain('Summary');
    expect(text(1)).not.toContain('State flow');
    expect(text(2)).toMatch(/^\s*State flow[\s\S]*Queue depth over time/);
    expect(text(3)).toMatch(/^\s*Latency distribution[\s\S]*Retry delays/);
    expect(text(4)).toMatch(/^\s*Retry arrivals and faults[\s\S]*Worker lanes \(excerpt\)/);
    expect(text(5)).toMatch(/^\s*Dead letters by error/);
    expect(text(6)).toMatch(/^\s*Scenario/);
    const prefix = join(SCREENSHOTS, 'report-pdf');
    const r = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, prefix], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(`${prefix}-1.png`)).toBe(true);
  });
});
