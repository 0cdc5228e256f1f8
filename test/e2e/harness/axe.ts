// axe-core run inside the page: inject its source, run it on a part of the
// page (or all of it), and return the violations a person would be blocked
// by (impact serious or critical), described well enough to fix.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousViolations(page: Page, include?: string): Promise<AxeFinding[]> {
  // evaluate, not a <script> tag: the renderer's CSP (script-src 'self') rightly refuses inline scripts.
  const injected = await page.evaluate('typeof window.axe === "object"');
  if (!injected) await page.evaluate(axeSource);
  const results = (await page.evaluate(`window.axe.run(${include ? JSON.stringify({ include: [[include]] }) : 'document'}, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  };
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}
