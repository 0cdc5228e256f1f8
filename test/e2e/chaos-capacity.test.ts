// The chaos bar's capacity drop (README.md "Services": capacity drops fired
// live): hidden while no run with services is open, shown once a live run
// of retry-amplification-layers is (three services: the bar offers a
// service picker), and pressing it drops the chosen service's capacity: the
// host answers on the bar and the run's event log has the fault.
// Photographed at 1280x720 and 1024x768.
import { copyFileSync, mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../src/shared/lab-api/lab-api.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { pickScenario, until } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;

labSuite(
  async () => {
    ({ host, api, browser, page, errors } = await openLab({ width: 1280, height: 720, ready: true }));
  },
  () => closeLab(browser, host),
);

/** Also kept where the helper's report points (the repository's test-results are cleaned by CI). */
const SHOTS = process.env.QUEUE_LAB_SHOTS;
async function shot(name: string): Promise<void> {
  const path = await screenshot(page, name);
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(path, `${SHOTS}/${name}.png`);
  }
}

describe('chaos bar: capacity drop', { timeout: 180_000 }, () => {
  it('shows "Drop <service> to 25% 10 s" for a live run with services; pressing it drops the capacity and logs the fault', async () => {
    const chaos = page.getByRole('region', { name: 'Chaos' });
    const drop = chaos.getByRole('button', { name: /^Drop middle to 25% 10 s/ });
    await pickScenario(page, /^Retry amplification across layers/);
    await page.getByRole('radio', { name: 'live' }).check();
    // No run with services is open yet: the bar has no capacity drop to offer.
    expect(await chaos.getByRole('button', { name: /^Drop / }).count()).toBe(0);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const picker = chaos.getByRole('combobox', { name: 'Service' });
    await until('the service picker', () => picker.isEnabled().catch(() => false), Boolean, 60_000);
    expect(await picker.locator('option').allInnerTexts()).toEqual(['frontend', 'middle', 'storage']);
    await picker.selectOption('middle');
    await until('the capacity drop to be usable', () => drop.isEnabled().catch(() => false), Boolean, 10_000);
    expect(await drop.getAttribute('aria-keyshortcuts')).toBe('c');
    await shot('chaos-capacity-1280x720');

    await drop.click();
    const result = chaos.getByRole('status', { name: 'Chaos result' });
    await result.filter({ hasText: /^Drop middle to 25% 10 s: middle runs with \d+ of \d+ slots until t=/ }).waitFor({ timeout: 20_000 });
    const active = await api.getActiveRun();
    const events = await api.listEvents({ runId: active!.runId, limit: 5000 });
    expect(events.filter((e) => e.kind === 'fault_started').map((e) => e.detail)).toContainEqual(expect.stringMatching(/^capacity service middle: 12 of 50 slots for 10 s \(chaos\)$/));

    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(300);
    await shot('chaos-capacity-1024x768');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await until('the live run to end', () => drop.isEnabled().catch(() => false), (v) => !v, 60_000);
    expect(errors).toEqual([]);
  });
});
