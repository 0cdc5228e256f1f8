// The set-up every browser suite shares. A setup failure (no Chromium, no
// renderer build, a host that does not start) fails every test, loudly: a
// failing beforeAll alone would leave them reported as skipped.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { LabHost } from './lab-host.ts';

const SETUP_TIMEOUT_MS = 240_000;

/** Registers `setup` before the suite and `teardown` after it; each test rethrows a setup failure. */
export function labSuite(setup: () => Promise<void>, teardown: () => Promise<void>): void {
  let setupError: unknown = null;
  beforeAll(async () => {
    try {
      await setup();
    } catch (error) {
      setupError = error;
    }
  }, SETUP_TIMEOUT_MS);
  beforeEach(() => {
    if (setupError) throw setupError;
  });
  afterAll(teardown);
}

/** Closes what the setup got as far as opening. */
export async function closeLab(browser: Browser | undefined, host: LabHost | undefined): Promise<void> {
  await browser?.close();
  await host?.stop();
}
