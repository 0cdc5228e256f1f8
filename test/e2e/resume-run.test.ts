// Resume in Chromium against the real web host: a live run stopped from the
// header offers Resume; pressing it continues the same run, the view follows
// it live, and the run finishes with every job in a final state (0 lost).
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../src/shared/lab-api/lab-api.ts';
import { seriousViolations } from './harness/axe.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { pickScenario, statCount, until, waitForLab } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;

labSuite(
  async () => void ({ host, api, browser, page, errors } = await openLab()),
  () => closeLab(browser, host),
);

const button = (name: string) => page.getByRole('button', { name, exact: true });
const clock = async (): Promise<number> => Number(/t = ([\d.]+)/.exec(await page.locator('output.clock').innerText())?.[1] ?? NaN);

describe('resume a stopped live run', { timeout: 180_000 }, () => {
  it('Stop, then Resume: the same run goes on live and finishes with 0 lost', async () => {
    await waitForLab(page);
    await pickScenario(page, /Poison message/);
    await page.getByRole('radio', { name: 'live' }).check();
    // 1 scenario second = 10 ms: the 2000 jobs take a few wall seconds once workers are up.
    await page.getByRole('combobox', { name: 'Time scale' }).selectOption('0.01');
    expect(await button('Resume').count()).toBe(0);
    await button('Run').click();
    await until('the live clock to pass 30 s', clock, (t) => t > 30, 60_000);
    await button('Stop').click();

    const runId = (await until('the run to be stopped', () => api.listRuns(), (r) => r[0]?.status === 'interrupted', 60_000))[0]!.id;
    const resume = button('Resume');
    await resume.waitFor({ timeout: 10_000 });
    const stoppedAt = await clock();
    await screenshot(page, 'resume-button');
    expect(await seriousViolations(page, '.run-controls')).toEqual([]);

    await resume.click();
    await button('Stop').and(page.locator(':enabled')).waitFor({ timeout: 10_000 });
    expect(await button('Resume').count()).toBe(0);
    const runs = await api.listRuns();
    expect(runs).toHaveLength(1); // the same run, not a new one
    expect(runs[0]!.id).toBe(runId);

    const finished = await until('the resumed run to finish', () => api.getRun({ id: runId }), (r) => r.status !== 'running', 90_000);
    expect(finished.status).toBe('completed');
    const jobs = finished.summary!.jobs;
    expect(finished.summary!.lost).toBe(0);
    expect(jobs.pending + jobs.scheduled + jobs.retrying + jobs.processing).toBe(0);
    expect(jobs.succeeded + jobs.dead + jobs.cancelled).toBe(jobs.total);

    // The view followed it to the end: final counts, 0 lost, and no Resume for a completed run.
    await button('Skip to end').waitFor({ timeout: 30_000 });
    expect(await clock()).toBeGreaterThan(stoppedAt);
    await until('the final Succeeded count', () => statCount(page, 'Succeeded'), (n) => n === jobs.succeeded, 30_000);
    expect(await statCount(page, 'Lost')).toBe(0);
    expect(await button('Resume').count()).toBe(0);
    await screenshot(page, 'resume-finished');
    expect(errors).toEqual([]);
  });
});
