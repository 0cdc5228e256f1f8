// The lab as a student uses it, in Chromium against the real web host: pick
// a built-in scenario, run it and watch the counts move, open a dead job in
// the inspector, retry it from the dead-letter table and see it go back to
// pending, read the event log, and scrub the finished run with the slider.
// The tests share one page and run in order, as one session would.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../src/shared/lab-api/lab-api.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { openTab, pickScenario, setSpeed, slider, statCount, until, waitForLab } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;
let runId: string;
let deadSeq: number;

labSuite(
  async () => void ({ host, api, browser, page, errors } = await openLab()),
  () => closeLab(browser, host),
);

const inspector = () => page.getByRole('region', { name: 'Inspector' });
const deadTable = () => page.getByRole('table', { name: 'Dead letters' });

describe('the lab in a browser', { timeout: 180_000 }, () => {
  it('runs a built-in scenario and the counts change while it plays', async () => {
    await waitForLab(page);
    await pickScenario(page, /Poison message/);
    await setSpeed(page, '30×');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    // The run is computed, its events load, then the replay plays it from t = 0.
    await page.getByRole('progressbar', { name: 'Progress: of the run' }).waitFor({ timeout: 60_000 });
    const first = await until('jobs to start succeeding', () => statCount(page, 'Succeeded'), (n) => n !== null && n > 0);
    const later = await until('the succeeded count to grow', () => statCount(page, 'Succeeded'), (n) => n !== null && n > first!);
    expect(later).toBeGreaterThan(first!);
    await screenshot(page, 'flow-running');

    // Skip to end ends the replay and shows the whole run: the numbers are the stored run's.
    await page.getByRole('button', { name: 'Skip to end', exact: true }).click();
    const runs = await api.listRuns();
    expect(runs).toHaveLength(1);
    runId = runs[0]!.id;
    const summary = runs[0]!.summary!;
    expect(await until('the final dead count', () => statCount(page, 'Dead'), (n) => n === summary.jobs.dead)).toBe(summary.jobs.dead);
    expect(await statCount(page, 'Succeeded')).toBe(summary.jobs.succeeded);
    expect(errors).toEqual([]);
  });

  it('lists the dead jobs in a table named "Dead letters" and opens one in the inspector', async () => {
    const dead = await api.listDead({ runId });
    expect(dead.length).toBeGreaterThan(0);
    await openTab(page, 'Dead letters');
    await deadTable().waitFor();
    // One header row and one row per dead job.
    await until('one row per dead job', () => deadTable().getByRole('row').count(), (n) => n === dead.length + 1);

    // Sorting by job number ascending puts the lowest first.
    await deadTable().getByRole('button', { name: 'Job', exact: true }).click();
    expect(await deadTable().getByRole('columnheader', { name: 'Job', exact: true }).getAttribute('aria-sort')).toBe('ascending');
    deadSeq = Math.min(...dead.map((d) => d.seq));
    await deadTable().getByRole('row').nth(1).getByRole('button', { name: `Job ${deadSeq}`, exact: true }).click();

    await inspector().getByRole('heading', { name: new RegExp(`Job ${deadSeq}\\b`) }).waitFor();
    expect(await inspector().getByRole('heading', { name: new RegExp(`Job ${deadSeq}\\b`) }).innerText()).toMatch(/Dead/);
    const attempts = inspector().getByRole('table', { name: `Attempts of job ${deadSeq}` });
    await until('the five attempts', () => attempts.getByRole('row').filter({ hasText: /failed/ }).count(), (n) => n === 5);
    // The gap between attempts says how the retry policy chose it.
    expect(await inspector().innerText()).toMatch(/backoff before attempt 2: 1 s x 2\^0 = 1 s, full jitter -> \d+\.\d\d s/);
    await screenshot(page, 'flow-inspector-dead-job');
  });

  it('retries the dead job from the table: it goes back to pending, and the event log shows it', async () => {
    await deadTable().getByRole('button', { name: `Retry job ${deadSeq}`, exact: true }).click();
    // A finished run: the lab says no worker will run it before it touches the stored run.
    await page.getByRole('group', { name: 'Confirm retry' }).getByRole('button', { name: `Move job ${deadSeq} to Pending` }).click();
    await page.getByRole('status').filter({ hasText: `Job ${deadSeq} retried` }).waitFor();
    await until('the row to leave the table', () => deadTable().getByRole('button', { name: `Job ${deadSeq}`, exact: true }).count(), (n) => n === 0);
    expect((await api.getJob({ runId, seq: deadSeq })).state).toBe('pending');
    await until('the inspector to show pending', () => inspector().getByRole('heading', { name: new RegExp(`Job ${deadSeq}\\b`) }).innerText(), (t) => /Pending/.test(t));
    expect(await inspector().innerText()).toMatch(/retried from the dead-letter table/);

    await openTab(page, 'Event log');
    const log = page.getByRole('region', { name: 'Event log' });
    await log.getByRole('textbox', { name: 'Job' }).fill(String(deadSeq));
    const events = log.getByRole('list', { name: 'Events' });
    await events.getByRole('listitem').filter({ hasText: 'retried_from_dead' }).waitFor();
    await screenshot(page, 'flow-event-log-retried');
  });

  it('filters the event log by kind, and a click on a row selects its job', async () => {
    const log = page.getByRole('region', { name: 'Event log' });
    await log.getByRole('textbox', { name: 'Job' }).fill('');
    await log.getByRole('combobox', { name: 'Kind' }).selectOption('dead');
    const dead = (await api.listDead({ runId })).length + 1; // the retried job died once too
    await log.getByText(new RegExp(`^${dead} events match`)).waitFor();
    // The newest death is at the bottom, in view while the log follows the newest event.
    const other = (await api.listDead({ runId })).reduce((a, b) => (b.diedAt > a.diedAt ? b : a)).seq;
    await log.getByRole('list', { name: 'Events' }).getByRole('button', { name: `job ${other}`, exact: true }).click();
    await inspector().getByRole('heading', { name: new RegExp(`Job ${other}\\b`) }).waitFor();
    await log.getByRole('combobox', { name: 'Kind' }).selectOption('');
  });

  it('follows the newest event until the user scrolls up, and follows again on request', async () => {
    const log = page.getByRole('region', { name: 'Event log' });
    const events = log.getByRole('list', { name: 'Events' });
    const follow = log.getByRole('button', { name: /^Follow/ });
    expect(await follow.getAttribute('aria-pressed')).toBe('true');
    // The newest event (the retry by hand) is in view.
    await events.getByRole('listitem').filter({ hasText: 'retried_from_dead' }).waitFor();
    await events.hover();
    await page.mouse.wheel(0, -2000);
    await until('follow mode to end', () => follow.getAttribute('aria-pressed'), (v) => v === 'false');
    await follow.click();
    expect(await follow.getAttribute('aria-pressed')).toBe('true');
  });

  it('scrubs the finished run with the timeline slider: every count follows', async () => {
    const end = Number(await slider(page).getAttribute('max'));
    const final = (await statCount(page, 'Succeeded'))!;
    await slider(page).fill(String(end / 2));
    const mid = await until('the counts at mid-run', () => statCount(page, 'Succeeded'), (n) => n !== null && n > 0 && n < final);
    expect(mid).toBeLessThan(final);
    // The event log stops at the cursor too.
    const log = page.getByRole('region', { name: 'Event log' });
    const total = (await api.getRun({ id: runId })).summary!.events;
    const shown = await until(
      'the event log to stop at the cursor',
      async () => Number((/([\d,]+) events?\b/.exec(await log.innerText())?.[1] ?? '0').replace(/,/g, '')),
      (n) => n > 0 && n < total,
    );
    expect(shown).toBeLessThan(total);
    await screenshot(page, 'flow-scrubbed');
    await slider(page).focus();
    await page.keyboard.press('Home');
    await until('no job succeeded at t = 0', () => statCount(page, 'Succeeded'), (n) => n === 0);
    // End is the end of the run, even when the slider's step does not divide its length...
    await page.keyboard.press('End');
    await until('the end of the run again', () => statCount(page, 'Succeeded'), (n) => n === final);
    // ...and Skip to end shows all of it too.
    await page.keyboard.press('Home');
    await page.getByRole('button', { name: 'Skip to end', exact: true }).click();
    await until('the whole run again', () => statCount(page, 'Succeeded'), (n) => n === final);
    expect(errors).toEqual([]);
  });

  it('filters and groups the dead-letter table, and flushes it after a confirmation', async () => {
    await openTab(page, 'Dead letters');
    const panel = page.getByRole('tabpanel');
    const dead = await api.listDead({ runId });
    await panel.getByRole('searchbox', { name: 'Filter' }).fill(`${dead[0]!.seq}`);
    await panel.getByText(new RegExp(`^\\d+ of ${dead.length} jobs match the filter`)).waitFor();
    await panel.getByRole('searchbox', { name: 'Filter' }).fill('');
    await panel.getByRole('checkbox', { name: 'Group by error' }).check();
    // One group: every job died of the same poison error.
    expect(await deadTable().getByRole('rowheader', { name: /poison message/ }).count()).toBe(1);

    await panel.getByRole('button', { name: 'Flush…' }).click();
    const confirm = panel.getByRole('group', { name: 'Confirm flush' });
    await confirm.getByRole('button', { name: `Forget all ${dead.length}` }).click();
    await page.getByRole('status').filter({ hasText: `Flushed: ${dead.length} dead letters forgotten` }).waitFor();
    await panel.getByText(/The dead-letter table is empty now/).waitFor();
    expect(await api.listDead({ runId })).toEqual([]);
    await screenshot(page, 'flow-dead-letters-flushed');
    expect(errors).toEqual([]);
  });
});
