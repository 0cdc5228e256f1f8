// What a student does in the lab window, by role and accessible name (the
// way a screen reader user finds things), never by CSS class.
import type { Locator, Page } from 'playwright-core';

export const REGIONS = ['Flow board', 'Worker lanes', 'Inspector', 'Stats', 'Event log', 'Scenario library', 'Run controls', 'Timeline'] as const;

/** Waits until the page has connected to the lab (Run becomes usable). */
export async function waitForLab(page: Page): Promise<void> {
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await run.waitFor();
  await until('the Run button to be enabled (the page connected to the lab)', () => run.isEnabled(), Boolean, 20_000);
}

export async function pickScenario(page: Page, title: string | RegExp): Promise<void> {
  await page.getByRole('region', { name: 'Scenario library' }).getByRole('button', { name: title }).click();
}

export async function setSpeed(page: Page, label: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption({ label });
}

export function stats(page: Page): Locator {
  return page.getByRole('region', { name: 'Stats' });
}

/** A count from the Stats panel ("Succeeded 1,234 jobs"), or null while it shows a dash. */
export async function statCount(page: Page, label: string): Promise<number | null> {
  const text = await stats(page).innerText();
  const m = new RegExp(`${label}\\s*([\\d,]+)\\s*jobs`).exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : null;
}

export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tablist', { name: 'Run details' }).getByRole('tab', { name }).click();
}

export function slider(page: Page): Locator {
  return page.getByRole('region', { name: 'Timeline' }).getByRole('slider', { name: 'Scenario time' });
}

/** Polls until `read` gives a value `ok` accepts; fails with the last value seen. */
export async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last seen ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 150));
    last = await read();
  }
  return last;
}
