// The report's Overload section: the verdict that decided the run and the
// downstream figures, each number the summary's own (issue 13).
import { describe, expect, it } from 'vitest';
import { buildReportData, renderReportHtml, valueAt } from '../../../src/shared/report/index.ts';
import { builtin, fixtureOf, roundsTo, shownNumber } from './report-fixture.ts';

describe('report: Overload and verdict', () => {
  it('a metastable run shows its verdict, goodputs and per-service figures as the summary\'s exact numbers', () => {
    const f = fixtureOf(builtin('metastable-retry-storm'));
    const html = renderReportHtml(buildReportData(f.timeline, f.input));
    expect(html).toContain('<section id="overload"');
    expect(html).toContain('data-verdict="metastable"');
    const metrics = [...html.matchAll(/<data value="([^"]+)" data-metric="((?:verdict|downstream)\.[^"]+)">([^<]+)<\/data>/g)];
    const paths = metrics.map((m) => m[2]);
    for (const p of ['verdict.goodput_before', 'verdict.goodput_after', 'downstream.calls', 'downstream.amplification', 'downstream.wasted', 'downstream.services.api.calls']) {
      expect(paths).toContain(p);
    }
    for (const [, value, path, text] of metrics) {
      const exact = valueAt(f.summary, path!) as number;
      expect(Number(value), path).toBe(exact);
      expect(roundsTo(shownNumber(text!), exact, text!.endsWith('%')), `${path}: "${text}" for ${exact}`).toBe(true);
    }
    expect(html).toMatch(/Metastable: goodput \d+\.\d jobs\/s before the trigger/);
  });

  it('a run with no services and no trigger has no such section', () => {
    const f = fixtureOf(builtin('poison-message'));
    expect(renderReportHtml(buildReportData(f.timeline, f.input))).not.toContain('<section id="overload"');
  });
});
