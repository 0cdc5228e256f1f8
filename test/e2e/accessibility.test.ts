// Every main view of the lab, scanned with axe-core (no serious or critical
// violations) and photographed for a person to look at, in the light and
// dark themes and in presentation mode; and the accessible names a screen
// reader user navigates by.
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './harness/axe.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { openTab, pickScenario, REGIONS, setSpeed, until } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];

labSuite(
  async () => {
    ({ host, browser, page, errors } = await openLab({ ready: true }));
    // A finished run with dead letters, so every view has something to show.
    await pickScenario(page, /Poison message/);
    await setSpeed(page, '100×');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('progressbar', { name: 'Progress: of the run' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Skip to end', exact: true }).click();
  },
  () => closeLab(browser, host),
);

/** The views a student moves between, how to reach each, and what to bring into view for its picture. */
interface View {
  name: string;
  open(page: Page): Promise<void>;
  shows(page: Page): Locator;
  /** Presentation mode keeps the board, the lanes and the stats; the inspector column steps aside. */
  inPresentation: boolean;
}

const tabPanel = (p: Page): Locator => p.getByRole('tabpanel');

const VIEWS: View[] = [
  { name: 'scenario', open: (p) => openTab(p, 'Scenario'), shows: (p) => p.getByRole('region', { name: 'Flow board' }), inPresentation: true },
  { name: 'charts', open: (p) => openTab(p, 'Charts'), shows: tabPanel, inPresentation: true },
  {
    name: 'dead-letters',
    open: async (p) => {
      await openTab(p, 'Dead letters');
      await p.getByRole('table', { name: 'Dead letters' }).waitFor();
    },
    shows: tabPanel,
    inPresentation: true,
  },
  {
    name: 'event-log',
    open: async (p) => {
      await openTab(p, 'Event log');
      await p.getByRole('list', { name: 'Events' }).getByRole('listitem').first().waitFor();
    },
    shows: tabPanel,
    inPresentation: true,
  },
  {
    name: 'inspector',
    open: async (p) => {
      await openTab(p, 'Dead letters');
      await p.getByRole('table', { name: 'Dead letters' }).getByRole('row').nth(1).getByRole('button', { name: /^Job \d+$/ }).click();
      await p.getByRole('region', { name: 'Inspector' }).getByRole('table', { name: /^Attempts of job/ }).waitFor();
    },
    shows: (p) => p.getByRole('region', { name: 'Inspector' }).getByRole('table', { name: /^Attempts of job/ }),
    inPresentation: false,
  },
];

async function scanEveryView(suffix: string, presentation = false): Promise<void> {
  const found: Record<string, unknown> = {};
  for (const view of VIEWS) {
    if (presentation && !view.inPresentation) continue;
    await view.open(page);
    await view.shows(page).scrollIntoViewIfNeeded();
    // Let transitions and the first frames of d3 settle before the picture.
    await page.waitForTimeout(300);
    await screenshot(page, `${view.name}-${suffix}`);
    const violations = await seriousViolations(page);
    if (violations.length) found[view.name] = violations;
  }
  expect(found).toEqual({});
}

describe('accessibility and screenshots', { timeout: 180_000 }, () => {
  it('names the main regions, the run buttons and the dead-letter table', async () => {
    for (const name of REGIONS) {
      if (name === 'Event log') await openTab(page, 'Event log');
      expect(await page.getByRole('region', { name, exact: true }).count(), `region "${name}"`).toBeGreaterThan(0);
    }
    for (const name of ['Run', 'Play', 'Step', 'Skip to end']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), `button "${name}"`).toBe(1);
    }
    await openTab(page, 'Dead letters');
    expect(await page.getByRole('table', { name: 'Dead letters', exact: true }).count()).toBe(1);
  });

  it('light theme: no serious or critical axe violations in any view', async () => {
    await scanEveryView('light');
  });

  it('dark theme: no serious or critical axe violations in any view', async () => {
    await page.getByRole('button', { name: 'Dark theme' }).click();
    // The button then offers the way back.
    await page.getByRole('button', { name: 'Light theme' }).waitFor();
    await scanEveryView('dark');
  });

  it('presentation mode: no serious or critical axe violations in any view', async () => {
    await page.getByRole('button', { name: 'Light theme' }).click();
    await page.getByRole('button', { name: 'Presentation' }).click();
    await until('presentation mode', () => page.getByRole('button', { name: 'Presentation' }).getAttribute('aria-pressed'), (v) => v === 'true');
    await scanEveryView('presentation', true);
    expect(errors).toEqual([]);
  });
});
