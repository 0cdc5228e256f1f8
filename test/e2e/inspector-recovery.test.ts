// The inspector on a job whose worker crashed mid-attempt: the attempt ends
// as crashed (or lost) when the lease expires, the recovery is in the job's
// story, and the job is reached from the event log by its number.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabApi } from '../../src/shared/lab-api/lab-api.ts';
import { closeLab, labSuite } from './harness/suite.ts';
import { openLab } from './harness/open-lab.ts';
import { openPage, screenshot } from './harness/browser.ts';
import type { LabHost } from './harness/lab-host.ts';
import { openTab, until, waitForLab } from './harness/shell.ts';

let host: LabHost;
let browser: Browser;
let page: Page;
let errors: string[];
let api: LabApi;

labSuite(
  async () => void ({ host, api, browser } = await openLab({ page: false })),
  () => closeLab(browser, host),
);

describe('the inspector after a worker crash', { timeout: 180_000 }, () => {
  it('shows the crashed attempt, the lease expiry and the recovery of a job', async () => {
    const summary = await api.runInstant({ builtinKey: 'worker-crash-recovery' });
    // The first job taken back after its lease expired.
    let recovered: number | null = null;
    for (let after = 0; recovered === null; ) {
      const batch = await api.listEvents({ runId: summary.run_id, afterSeq: after, limit: 5000 });
      if (batch.length === 0) break;
      recovered = batch.find((e) => e.kind === 'recovered')?.job ?? null;
      after = batch[batch.length - 1]!.seq;
    }
    expect(recovered, 'the scenario recovers at least one job').not.toBeNull();

    ({ page, errors } = await openPage(browser, host.url));
    await waitForLab(page);
    await page.getByRole('region', { name: 'Run history' }).getByRole('button', { name: /Worker crash/ }).first().click();
    await page.getByRole('progressbar', { name: 'Progress: of the run' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Skip to end', exact: true }).click();

    await openTab(page, 'Event log');
    const log = page.getByRole('region', { name: 'Event log' });
    await log.getByRole('textbox', { name: 'Job' }).fill(String(recovered));
    await log.getByRole('list', { name: 'Events' }).getByRole('listitem').filter({ hasText: 'recovered' }).getByRole('button', { name: `job ${recovered}` }).click();

    const inspector = page.getByRole('region', { name: 'Inspector' });
    const attempts = inspector.getByRole('table', { name: `Attempts of job ${recovered}` });
    await attempts.waitFor();
    await until('a crashed or lost attempt', () => attempts.innerText(), (t) => /crashed|lost/.test(t));
    const story = inspector.getByRole('region', { name: `Lease and recovery of job ${recovered}` });
    expect(await story.innerText()).toMatch(/lease expired, recovered/);
    await story.scrollIntoViewIfNeeded();
    await screenshot(page, 'inspector-recovered-job');
    expect(errors).toEqual([]);
  });
});
