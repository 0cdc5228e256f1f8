// The set-up most browser suites share: the renderer build, a lab host on a
// temp database, a LabApi client for the test side, Chromium and (unless
// told not to) one page on the lab. If a step fails, what the earlier steps
// opened is closed before the error goes on to labSuite.
import type { Browser, Page } from 'playwright-core';
import type { LabApi } from '../../../src/shared/lab-api/lab-api.ts';
import { launchChromium, openPage, type PageOptions } from './browser.ts';
import { startLabHost, type LabHost } from './lab-host.ts';
import { ensureRendererBuild } from './renderer-build.ts';
import { waitForLab } from './shell.ts';

export interface OpenLabOptions extends PageOptions {
  /** Done through the API before the page opens (runs the page should find stored). */
  before?: (api: LabApi) => Promise<void>;
  /** Wait until the lab has drawn itself (waitForLab). */
  ready?: boolean;
}

export interface LabBrowser {
  host: LabHost;
  api: LabApi;
  browser: Browser;
}

export interface OpenLab extends LabBrowser {
  page: Page;
  /** Console errors and page crashes, for the test to check. */
  errors: string[];
}

export function openLab(options: OpenLabOptions & { page: false }): Promise<LabBrowser>;
export function openLab(options?: OpenLabOptions): Promise<OpenLab>;
export async function openLab(options: OpenLabOptions & { page?: false } = {}): Promise<LabBrowser | OpenLab> {
  ensureRendererBuild();
  const host = await startLabHost();
  let browser: Browser | undefined;
  try {
    const api = await host.api();
    await options.before?.(api);
    browser = await launchChromium();
    if (options.page === false) return { host, api, browser };
    const { page, errors } = await openPage(browser, host.url, options);
    if (options.ready) await waitForLab(page);
    return { host, api, browser, page, errors };
  } catch (error) {
    await browser?.close();
    await host.stop();
    throw error;
  }
}
