// The exported report's service charts over time (issue 13): a stored run of
// metastable-circuit-breaker has its utilization chart (with the trigger band
// and the open slots dropping in it) and its breaker-state chart in the
// Overload section; the report's data keeps only what the charts draw; a
// run without services has neither.
import { afterEach, describe, expect, it } from 'vitest';
import { runInstant } from '../../../src/main/engine/run-instant.ts';
import { sqliteRunReads } from '../../../src/main/engine/store/reads/sqlite-run-reads.ts';
import { reportDataOf } from '../../../src/main/report/write-report.ts';
import { findBuiltin } from '../../../src/shared/library/index.ts';
import { renderReportHtml } from '../../../src/shared/report/index.ts';
import { cleanup, scenario, tempDb } from '../engine/instant/run-helpers.ts';

afterEach(cleanup);

async function reportOf(key: string) {
  const { db, file } = tempDb();
  const summary = runInstant(scenario(findBuiltin(key)!.scenario), { db, store: 'full' });
  const data = await reportDataOf(sqliteRunReads(db), summary.run_id, file);
  return { data, html: renderReportHtml(data) };
}

const overloadSectionOf = (html: string): string => /<section id="overload"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe('report: service charts over time', { timeout: 60_000 }, () => {
  it('a run with a circuit breaker charts utilization against open slots and the breaker state, with the trigger', async () => {
    const { data, html } = await reportOf('metastable-circuit-breaker');
    const section = overloadSectionOf(html);
    expect(section).toContain('id="chart-service-utilization"');
    expect(section).toContain('id="chart-breaker-state"');
    // The trigger (30-40 s at 20%) is a band on the utilization chart.
    const util = /<svg[^>]*id="chart-service-utilization"[\s\S]*?<\/svg>/.exec(section)![0];
    expect(util).toMatch(/<rect [^>]*fill="#a8467a"/);
    // The breaker opened: shaded open spells.
    const breaker = /<svg[^>]*id="chart-breaker-state"[\s\S]*?<\/svg>/.exec(section)![0];
    expect((breaker.match(/<title>open /g) ?? []).length).toBeGreaterThan(0);
    // The data holds utilization in spans of a second or more, open slots where they change (10 -> 2 -> 10), breaker changes.
    const series = data.overload!;
    expect(new Set(series.map((s) => s.metric))).toEqual(new Set(['utilization', 'capacity', 'breaker_state']));
    const capacity = series.find((s) => s.metric === 'capacity')!;
    expect(capacity.value).toEqual([10, 2, 10, 10]);
    expect(capacity.t.slice(1, 3).map((t) => Math.round(t))).toEqual([30, 40]);
    const utilization = series.find((s) => s.metric === 'utilization')!;
    expect(utilization.t.length).toBeLessThanOrEqual(400);
    // (the last span is what is left at the end: it may be shorter)
    for (let i = 2; i < utilization.t.length - 1; i++) expect(utilization.t[i]! - utilization.t[i - 1]!).toBeGreaterThan(0.999);
  });

  it('a run without services has no service charts', async () => {
    const { data, html } = await reportOf('poison-message');
    expect(data.overload).toEqual([]);
    expect(html).not.toContain('chart-service-utilization');
  });
});
