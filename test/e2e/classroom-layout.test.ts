// Issue 12, layouts: the window at a projector's 1024x768 and 1280x720 and
// at 1920x1080, light and dark, normal and presentation. The main regions
// stay inside the window and never cover one another, the board and lanes
// keep a usable size, nothing is drawn over the board, the library stays
// reachable (a drawer on narrow windows), and presentation mode gives one
// header row, a one-line lesson, the chaos bar and lane labels of 16 px.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './harness/axe.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { openPage, screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { until, waitForLab } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;

labSuite(
  async () => {
    // A finished run with dead letters and three workers, so the board and the lanes have something to show.
    ({ host, browser } = await openLab({ page: false, before: async (api) => void (await api.runInstant({ builtinKey: 'poison-message' })) }));
  },
  () => closeLab(browser, host),
);

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The DOM as far as the in-page functions below use it (the tests compile without the DOM types). */
interface PageElement {
  getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
  parentElement: PageElement | null;
  closest(selector: string): PageElement | null;
  className: string;
}
interface PageWindow {
  getComputedStyle(el: PageElement): { overflowX: string; overflowY: string; fontSize: string };
  document: { elementFromPoint(x: number, y: number): PageElement | null };
}

/** The part of an element that is on screen: its box cut by every scrolling ancestor (a column shows only what is scrolled into it). */
async function box(page: Page, what: string, locate: (p: Page) => ReturnType<Page['locator']>): Promise<Box> {
  const b = await locate(page).first().evaluate((node) => {
    const el = node as unknown as PageElement;
    const win = globalThis as unknown as PageWindow;
    const r = el.getBoundingClientRect();
    let [x0, y0, x1, y1] = [r.left, r.top, r.right, r.bottom];
    for (let a = el.parentElement; a; a = a.parentElement) {
      const style = win.getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      [x0, y0, x1, y1] = [Math.max(x0, c.left), Math.max(y0, c.top), Math.min(x1, c.right), Math.min(y1, c.bottom)];
    }
    return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
  });
  expect(b, `${what} is on screen`).not.toBeNull();
  return b!;
}

const intersects = (a: Box, b: Box): boolean => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** The main regions: inside the window, none over another, the board and lanes usable and not covered. */
async function checkLayout(page: Page, width: number, height: number, label: string): Promise<Record<string, Box>> {
  const regions: Record<string, Box> = {
    header: await box(page, 'the header', (p) => p.getByRole('banner')),
    board: await box(page, 'the flow board', (p) => p.getByRole('region', { name: 'Flow board' })),
    lanes: await box(page, 'the worker lanes', (p) => p.getByRole('region', { name: 'Worker lanes' })),
    stats: await box(page, 'the stats', (p) => p.getByRole('region', { name: 'Stats' })),
    timeline: await box(page, 'the timeline', (p) => p.locator('.timeline-bar')),
  };
  if (await page.getByRole('region', { name: 'Chaos' }).count()) regions.chaos = await box(page, 'the chaos bar', (p) => p.getByRole('region', { name: 'Chaos' }));
  for (const [name, b] of Object.entries(regions)) {
    expect(b.x, `${label}: ${name} starts inside the window`).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, `${label}: ${name} ends inside the window`).toBeLessThanOrEqual(width + 0.5);
    expect(b.y, `${label}: ${name} top`).toBeGreaterThanOrEqual(0);
    expect(b.y + b.height, `${label}: ${name} bottom`).toBeLessThanOrEqual(height + 0.5);
  }
  const names = Object.keys(regions);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const [a, b] = [names[i]!, names[j]!];
      if ((a === 'board' && b === 'lanes') || (a === 'lanes' && b === 'board')) continue;
      expect(intersects(regions[a]!, regions[b]!), `${label}: ${a} and ${b} overlap`).toBe(false);
    }
  }
  expect(intersects(regions.board!, regions.lanes!), `${label}: board and lanes overlap`).toBe(false);
  expect(regions.board!.width, `${label}: board width`).toBeGreaterThanOrEqual(560);
  expect(regions.board!.height, `${label}: board height`).toBeGreaterThanOrEqual(190);
  expect(regions.lanes!.width, `${label}: lanes width`).toBeGreaterThanOrEqual(560);
  // At least the first lanes are in view, not only the legend.
  expect(regions.lanes!.height, `${label}: lanes height in view`).toBeGreaterThanOrEqual(110);
  // Nothing is drawn over the board: what is at its centre belongs to it.
  const [cx, cy] = [regions.board!.x + regions.board!.width / 2, regions.board!.y + regions.board!.height / 2];
  const covered = await page.evaluate(([x, y]) => {
    const hit = (globalThis as unknown as PageWindow).document.elementFromPoint(x!, y!);
    return hit?.closest('.stage-board') ? null : (hit?.className ?? 'nothing');
  }, [cx, cy]);
  expect(covered, `${label}: the centre of the board is covered by`).toBeNull();
  return regions;
}

async function openLastRun(page: Page): Promise<void> {
  const history = page.locator('.history-item').first();
  if (!(await history.isVisible())) await page.getByRole('button', { name: 'Library' }).click();
  await history.click();
  await page.getByRole('progressbar', { name: 'Progress: of the run' }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Skip to end', exact: true }).click();
  await until('the run to show', () => page.getByRole('region', { name: 'Stats' }).innerText(), (t) => /Dead\s*\d+\s*jobs/.test(t));
}

const SIZES: readonly [number, number][] = [[1024, 768], [1280, 720], [1920, 1080]];

describe('layouts from 1024x768 up', { timeout: 240_000 }, () => {
  for (const [width, height] of SIZES) {
    it(`${width}x${height}: regions in the window, apart, usable; library reachable; presentation fills the screen`, async () => {
      const { page, context, errors } = await openPage(browser, host.url, { width, height, colorScheme: 'light' });
      try {
        await waitForLab(page);
        // The library: a column on a wide window, a drawer below 1100 px; an item can be clicked either way.
        const drawer = width <= 1100;
        expect(await page.getByRole('button', { name: 'Library' }).isVisible(), 'a Library button where the library is a drawer').toBe(drawer);
        if (drawer) await page.getByRole('button', { name: 'Library' }).click();
        await page.getByRole('region', { name: 'Scenario library' }).getByRole('button', { name: /Retry storm after an outage, no jitter/ }).click();
        expect(await page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toMatch(/retry-storm/);
        if (drawer) expect(await page.getByRole('region', { name: 'Scenario library' }).isVisible(), 'the drawer closes after a pick').toBe(false);

        await openLastRun(page);
        // Live mode brings the chaos bar: pinned under the header, above the run.
        await page.getByRole('radio', { name: 'live' }).check();
        for (const theme of ['light', 'dark'] as const) {
          if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
          const regions = await checkLayout(page, width, height, `${width}x${height} ${theme}`);
          expect(regions.chaos!.y, 'the chaos bar sits right under the header').toBeLessThan(regions.board!.y);
          await screenshot(page, `layout-${width}x${height}-${theme}`);
        }
        expect(await seriousViolations(page), 'axe, dark').toEqual([]);

        await page.keyboard.press('p');
        await until('presentation mode', () => page.getByRole('button', { name: 'Presentation' }).getAttribute('aria-pressed'), (v) => v === 'true');
        for (const theme of ['dark', 'light'] as const) {
          if (theme === 'light') {
            // The theme button steps aside in presentation: out, switch, back in (the p key both ways).
            await page.keyboard.press('p');
            await page.getByRole('button', { name: 'Light theme' }).click();
            await page.keyboard.press('p');
          }
          await page.waitForTimeout(200);
          const label = `${width}x${height} presentation ${theme}`;
          const regions = await checkLayout(page, width, height, label);
          // One header row.
          expect(regions.header!.height, `${label}: header height`).toBeLessThanOrEqual(64);
          // The board and the lanes fill the run column: at least 70 % of the height left by the bars.
          const room = height - regions.header!.height - regions.chaos!.height - regions.timeline!.height;
          expect(regions.board!.height + regions.lanes!.height, `${label}: board and lanes height`).toBeGreaterThanOrEqual(0.7 * room);
          expect(regions.board!.width, `${label}: board width`).toBeGreaterThanOrEqual(0.7 * width);
          // Worker names in the lanes are at least 16 px, and so is the lesson line.
          const lanes = page.getByRole('region', { name: 'Worker lanes' });
          expect(Number(await lanes.locator('canvas').getAttribute('data-label-px')), `${label}: lane label px`).toBeGreaterThanOrEqual(16);
          const lesson = page.locator('.lesson-line');
          expect(await lesson.isVisible(), `${label}: the one-line lesson`).toBe(true);
          expect((await lesson.boundingBox())!.height, `${label}: the lesson is one line`).toBeLessThan(40);
          expect(parseFloat(await lesson.evaluate((el) => (globalThis as unknown as PageWindow).getComputedStyle(el as unknown as PageElement).fontSize)), `${label}: lesson font px`).toBeGreaterThanOrEqual(16);
          await screenshot(page, `layout-${width}x${height}-presentation-${theme}`);
        }
        expect(await seriousViolations(page), 'axe, presentation').toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
