// Issue 12, keyboard and the dead letters: skip links, Escape closes the Keys
// popover, the timeline steps 1 s per arrow key, the Dead letters tab follows
// the timeline ("0 now, 22 by the end"), a retry in a finished run says that
// no worker will run the job and changes nothing until confirmed, focus after
// a retry stays off the next row's Retry, the inspector takes focus and shows
// the attempts first, and the run history tells runs of one scenario apart.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../src/shared/lab-api/lab-api.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { openTab, slider, until } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;
let runId: string;

labSuite(
  async () => {
    ({ host, api, browser, page, errors } = await openLab({
      width: 1280,
      height: 720,
      ready: true,
      // Two runs of one scenario and seed: the history must tell them apart.
      before: async (a) => {
        await a.runInstant({ builtinKey: 'poison-message' });
        runId = (await a.runInstant({ builtinKey: 'poison-message' })).run_id;
      },
    }));
  },
  () => closeLab(browser, host),
);

const focusedText = (): Promise<string> => page.evaluate(() => String((globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent ?? ''));
const focusedId = (): Promise<string> => page.evaluate(() => String((globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ?? ''));

describe('keyboard, dead letters and the inspector', { timeout: 180_000 }, () => {
  it('tells runs of one scenario apart in the history', async () => {
    const rows = page.getByRole('region', { name: 'Run history' }).locator('.history-item');
    await until('two history rows', () => rows.count(), (n) => n === 2);
    const [a, b] = [await rows.nth(0).innerText(), await rows.nth(1).innerText()];
    expect(a).not.toBe(b);
    expect(a).toContain(runId.slice(0, 8));
  });

  it('skip links come first and move focus; Escape closes the Keys popover', async () => {
    await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Skip to the flow board');
    await page.keyboard.press('Enter');
    expect(await focusedId()).toBe('board');

    await page.getByText('Keys', { exact: true }).click();
    const help = page.getByRole('note', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await page.keyboard.press('Escape');
    await until('the Keys popover to close', () => help.isVisible(), (v) => !v);
    expect(await focusedText()).toBe('Keys');
  });

  it('the Dead letters tab and table follow the timeline; the slider steps 1 s per arrow', async () => {
    const dead = await api.listDead({ runId });
    await page.getByRole('region', { name: 'Run history' }).locator('.history-item').first().click();
    await page.getByRole('progressbar', { name: 'Progress: of the run' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Skip to end', exact: true }).click();
    await slider(page).focus();
    await page.keyboard.press('Home');
    const tab = page.getByRole('tab', { name: /^Dead letters/ });
    expect(await until('the tab at t = 0', () => tab.innerText(), (t) => /0 now/.test(t))).toBe(`Dead letters 0 now, ${dead.length} by the end`);
    // The cursor (the slider's value text; the range itself snaps to its bucket-wide step).
    const at = async (): Promise<number> => Number(/^([\d.]+)/.exec((await slider(page).getAttribute('aria-valuetext')) ?? '')?.[1]);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await at()).toBeCloseTo(2, 5);
    await page.keyboard.press('ArrowLeft');
    expect(await at()).toBeCloseTo(1, 5);

    await openTab(page, 'Dead letters');
    await page.getByRole('tabpanel').getByText(new RegExp(`${dead.length} more jobs die later in the run`)).waitFor();
    expect(await page.getByRole('table', { name: 'Dead letters' }).count()).toBe(0);
    await screenshot(page, 'dead-letters-at-start');
    await page.getByRole('button', { name: 'Skip to end', exact: true }).click();
    await until('the tab at the end', () => tab.innerText(), (t) => t === `Dead letters ${dead.length}`);
    await until('every dead job listed', () => page.getByRole('table', { name: 'Dead letters' }).getByRole('row').count(), (n) => n === dead.length + 1);
  });

  it('the inspector takes focus with the attempts first; a retry in a finished run says no worker will run it', async () => {
    const table = page.getByRole('table', { name: 'Dead letters' });
    const seq = Number((await table.getByRole('row').nth(1).getByRole('button', { name: /^Job \d+$/ }).innerText()).replace(/\D/g, ''));
    await table.getByRole('row').nth(1).getByRole('button', { name: `Job ${seq}`, exact: true }).click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await inspector.getByRole('table', { name: `Attempts of job ${seq}` }).waitFor();
    expect(await focusedText()).toMatch(new RegExp(`^Job ${seq}\\b`));
    // A drawer over the whole details column: its attempts are in view without scrolling.
    const column = (await page.locator('#details').boundingBox())!;
    const drawer = (await inspector.boundingBox())!;
    expect(Math.abs(drawer.y - column.y), 'drawer top at the column top').toBeLessThanOrEqual(2);
    expect(drawer.height, 'drawer as tall as the column').toBeGreaterThanOrEqual(column.height - 2);
    const attemptsBox = (await inspector.getByRole('table', { name: `Attempts of job ${seq}` }).boundingBox())!;
    expect(attemptsBox.y, 'attempts start inside the visible column').toBeLessThan(column.y + column.height / 2);
    // Attempts before the job's fields.
    const text = await inspector.innerText();
    expect(text.indexOf('Attempt')).toBeLessThan(text.indexOf('Enqueued'));
    await screenshot(page, 'inspector-open');

    // Retry: the lab says plainly what a retry means here; Cancel leaves the stored run alone.
    await table.getByRole('button', { name: `Retry job ${seq}`, exact: true }).click();
    const confirm = page.getByRole('group', { name: 'Confirm retry' });
    expect(await confirm.innerText()).toMatch(/This run is finished: no worker will run job \d+/);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await api.getJob({ runId, seq })).state).toBe('dead');

    // Retry and Forget sit in the inspector too. Confirmed, the job moves, and focus rests on the
    // status line, not on another job's Retry.
    const actions = inspector.getByRole('toolbar', { name: `Actions on job ${seq}` });
    expect(await actions.getByRole('button', { name: 'Forget' }).count()).toBe(1);
    await actions.getByRole('button', { name: 'Retry' }).click();
    await confirm.getByRole('button', { name: `Move job ${seq} to Pending` }).click();
    await page.getByRole('status').filter({ hasText: `Job ${seq} retried` }).waitFor();
    expect((await api.getJob({ runId, seq })).state).toBe('pending');
    expect(await focusedText()).toMatch(/retried/);
    // Escape closes the inspector.
    await page.keyboard.press('Escape');
    await until('the inspector to close', () => inspector.getByRole('button', { name: 'Close' }).count(), (n) => n === 0);
    expect(errors).toEqual([]);
  });

  it('focus stays on a run control after Run (not the page body)', async () => {
    const run = page.getByRole('button', { name: 'Run', exact: true });
    await run.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('progressbar', { name: 'Progress: of the run' }).waitFor({ timeout: 60_000 });
    const inControls = (): Promise<boolean> =>
      page.evaluate(() => {
        const active = (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document.activeElement;
        return Boolean(active?.closest('[aria-label="Run controls"]'));
      });
    expect(await until('focus in the run controls', inControls, Boolean, 10_000)).toBe(true);
    expect(await focusedText()).toMatch(/Run|Play|Pause|Step|Skip to end/);
  });

  it('live: the chaos bar is pinned on top, every action has a key, and unsafe claim belongs to the run', async () => {
    await page.getByRole('radio', { name: 'live' }).check();
    const chaos = page.getByRole('region', { name: 'Chaos' });
    const unsafe = chaos.getByRole('button', { name: /^Unsafe claim/ });
    const startLive = async (): Promise<void> => {
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await until('chaos to be usable', () => unsafe.isEnabled(), Boolean, 60_000);
      await page.getByRole('region', { name: 'Flow board' }).click();
    };
    await startLive();
    // Every action on the bar says its key, and the Keys popover lists it.
    const buttons = chaos.getByRole('button');
    for (let i = 0; i < (await buttons.count()); i++) expect(await buttons.nth(i).getAttribute('aria-keyshortcuts'), await buttons.nth(i).innerText()).toMatch(/^[a-z]$/);
    await page.keyboard.press('a');
    await chaos.getByRole('status', { name: 'Chaos result' }).filter({ hasText: /^Add worker: / }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('u');
    await until('unsafe claim on for this run', () => unsafe.getAttribute('aria-pressed'), (v) => v === 'true');
    await screenshot(page, 'chaos-bar-live');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await until('the live run to end', () => unsafe.isEnabled(), (v) => !v, 60_000);
    // A new run starts with its own switch, off.
    await startLive();
    expect(await unsafe.getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await until('the live run to end', () => unsafe.isEnabled(), (v) => !v, 60_000);
    expect(errors).toEqual([]);
  });

  it('the Duplicates and Lost tiles show what the reopened run counted', async () => {
    const unsafe = await api.runInstant({ builtinKey: 'double-processing-unsafe-claim' });
    const stuck = await api.runInstant({ builtinKey: 'stuck-jobs-no-visibility-timeout' });
    expect(unsafe.duplicates, 'the unsafe claim takes jobs twice').toBeGreaterThan(0);
    expect(stuck.lost, 'stuck jobs end in no final state').toBeGreaterThan(0);
    const history = page.getByRole('region', { name: 'Run history' });
    const tile = (label: string): Promise<number> =>
      page.locator('.stats .stat', { has: page.getByText(label, { exact: true }) }).locator('.stat-value').innerText().then((t) => Number(t.replace(/[^0-9]/g, '')));
    const reopen = async (id: string): Promise<void> => {
      await history.getByRole('button', { name: 'Refresh' }).click();
      await history.locator('.history-item', { hasText: id.slice(0, 8) }).click();
      await until('the run to open', () => history.locator('.history-item[aria-current="true"]').innerText(), (t) => t.includes(id.slice(0, 8)));
    };
    await reopen(unsafe.run_id);
    expect(await until('the Duplicates tile', () => tile('Duplicates'), (n) => n === unsafe.duplicates)).toBe(unsafe.duplicates);
    expect(await tile('Lost')).toBe(unsafe.lost);
    await screenshot(page, 'stats-duplicates-tile');
    await reopen(stuck.run_id);
    expect(await until('the Lost tile', () => tile('Lost'), (n) => n === stuck.lost)).toBe(stuck.lost);
    expect(await tile('Duplicates')).toBe(stuck.duplicates);
    expect(errors).toEqual([]);
  });
});
