// A real instant run (no database) turned into report input, for the
// generator's tests: the summary is the engine's own, so "numbers equal the
// summary" is checked against what `queue-lab run --json` would print.
import type { RunSummary } from '../../../src/shared/metrics/run-summary.ts';
import type { DeadLetters, ReportInput } from '../../../src/shared/report/index.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { RunTimeline } from '../../../src/shared/timeline/index.ts';
import { builtin, runForEvents } from '../timeline/instant-events.ts';

export interface Fixture {
  timeline: RunTimeline;
  summary: RunSummary;
  input: ReportInput;
}

export function fixtureOf(scenario: ScenarioInput, deadLetters?: DeadLetters): Fixture {
  const { events, summary } = runForEvents(scenario);
  const timeline = new RunTimeline();
  for (let i = 0; i < events.length; i += 5000) timeline.add(events.slice(i, i + 5000));
  const input: ReportInput = {
    summary,
    run: { id: summary.run_id, status: 'completed', createdAt: '2026-01-02T03:04:05.000Z', finishedAt: '2026-01-02T03:04:06.000Z' },
    scenarioText: `name: ${summary.scenario}\nseed: ${summary.seed}\n`,
    appVersion: '9.8.7',
    generatedAt: '2026-01-02T03:05:00.000Z',
    deadLetters: deadLetters ?? { total: summary.jobs.dead, groups: [], moreGroups: 0 },
  };
  return { timeline, summary, input };
}

export { builtin };

/** The text of the JSON tag, as a browser would hand it to JSON.parse. */
export function embeddedJson(html: string): string {
  const m = /<script type="application\/json" id="queue-lab-results">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no results tag');
  return m[1]!;
}

/** Undo the HTML escapes of element text (what textContent returns). */
export function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** "1,234" / "0.315 s" / "98.9 %" / "3.94 jobs/s" -> the number shown. */
export function shownNumber(text: string): number {
  return Number(text.replace(/,/g, '').replace(/\s*(s|%|jobs\/s)$/, ''));
}

/** Whether a shown, rounded number stands for the exact one (3 significant digits or whole numbers). */
export function roundsTo(shown: number, exact: number, percent = false): boolean {
  const v = percent ? exact * 100 : exact;
  if (Number.isInteger(shown) && Math.abs(v) >= 1000) return Math.abs(shown - v) <= 0.5;
  return Math.abs(shown - v) <= Math.max(Math.abs(v) * 0.005, 1e-9) + (Math.abs(v) >= 100 ? 0.05 : 0);
}
