import { describe, expect, it } from 'vitest';
import {
  buildReportData, LANE_EXCERPT_ATTEMPTS, MAX_POINTS, renderReportHtml, REPORT_CSP, valueAt,
} from '../../../src/shared/report/index.ts';
import { builtin, embeddedJson, fixtureOf, roundsTo, shownNumber, unescapeHtml } from './report-fixture.ts';

const poison = fixtureOf(builtin('poison-message'));
const poisonData = buildReportData(poison.timeline, poison.input);
const poisonHtml = renderReportHtml(poisonData);

describe('report HTML', () => {
  it('has every section, each chart as inline SVG, and the run facts', () => {
    for (const id of ['summary', 'state-flow', 'queue-depth', 'latency', 'retry-delays', 'worker-lanes', 'dead-letters', 'scenario']) {
      expect(poisonHtml).toContain(`<section id="${id}"`);
    }
    for (const id of ['chart-flow', 'chart-depth', 'chart-latency', 'chart-retry', 'chart-lanes']) {
      expect(poisonHtml).toMatch(new RegExp(`<svg class="chart" id="${id}"[^>]*>[\\s\\S]*?<(path|rect)`));
    }
    expect(poisonHtml).toContain('<dd id="app-version">9.8.7</dd>');
    expect(poisonHtml).toContain(`<dd id="run-seed">${poison.summary.seed}</dd>`);
    expect(poisonHtml).toContain('<pre class="scenario" id="scenario-text">name: Poison message');
  });

  it('is self-contained: a strict CSP, no script that runs, nothing fetched', () => {
    expect(poisonHtml).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(poisonHtml.match(/<script/g)).toHaveLength(1);
    expect(poisonHtml).toContain('<script type="application/json" id="queue-lab-results">');
    expect(poisonHtml).not.toMatch(/\s(src|href)=/);
    expect(poisonHtml).not.toMatch(/url\((?!#)/);
    expect(poisonHtml).not.toMatch(/@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('shows every summary metric as its exact value, and text that rounds to it', () => {
    const metrics = [...poisonHtml.matchAll(/<data value="([^"]+)" data-metric="([^"]+)">([^<]+)<\/data>/g)];
    expect(metrics.length).toBeGreaterThanOrEqual(25);
    for (const [, value, path, text] of metrics) {
      if (path === 'dead_letters.total') continue;
      const exact = valueAt(poison.summary, path!) as number;
      expect(Number(value), path).toBe(exact);
      expect(roundsTo(shownNumber(text!), exact, text!.endsWith('%')), `${path}: "${text}" for ${exact}`).toBe(true);
    }
    const paths = metrics.map((m) => m[2]);
    for (const p of ['jobs.total', 'jobs.succeeded', 'jobs.dead', 'attempts.retries', 'latency_s.wait_p95', 'latency_s.total_p99', 'throughput_per_s']) {
      expect(paths).toContain(p);
    }
  });

  it('draws the state flow with the final counts and transitions of the summary', () => {
    const count = (state: string): number => Number(new RegExp(`data-state="${state}" data-count="(\\d+)"`).exec(poisonHtml)![1]);
    expect(count('new')).toBe(poison.summary.jobs.total);
    expect(count('succeeded')).toBe(poison.summary.jobs.succeeded);
    expect(count('dead')).toBe(poison.summary.jobs.dead);
    expect(count('pending')).toBe(0);
    const edge = (from: string, to: string): number => Number(new RegExp(`data-from="${from}" data-to="${to}" data-count="(\\d+)"`).exec(poisonHtml)![1]);
    expect(edge('pending', 'processing')).toBe(poison.summary.attempts.total);
    expect(edge('processing', 'retrying')).toBe(poison.summary.attempts.by_outcome.failed - poison.summary.jobs.dead);
  });

  it('embeds the results as JSON that parses back to the data, summary included', () => {
    const parsed = JSON.parse(embeddedJson(poisonHtml)) as typeof poisonData;
    expect(parsed.summary).toEqual(poison.summary);
    expect(parsed.format).toBe('queue-lab-report');
    expect(parsed).toEqual(JSON.parse(JSON.stringify(poisonData)));
  });

  it('keeps the embedded data aggregated: bounded series, a lane excerpt that says what it shows', () => {
    expect(poisonData.depth.t.length).toBeLessThanOrEqual(MAX_POINTS + 1);
    expect(poisonData.rates.t.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(poisonData.lanes.shown).toBe(Math.min(LANE_EXCERPT_ATTEMPTS, poison.summary.attempts.total));
    expect(poisonData.lanes.total).toBe(poison.summary.attempts.total);
    expect(poisonHtml).toContain(`Shows the first ${LANE_EXCERPT_ATTEMPTS} of ${poison.summary.attempts.total.toLocaleString('en-US')} attempts`);
    expect(poisonData.retryDelays.total).toBe(poison.summary.attempts.retries);
  });
});

describe('report HTML with hostile text', () => {
  const evil = '<script>alert("x")</script><img src=x onerror=alert(1)> & </script><!--';
  const f = fixtureOf({ ...builtin('poison-message'), name: `Poison ${evil}` }, {
    total: 3,
    groups: [{ error: `boom ${evil}`, reason: `why ${evil}`, count: 3, queues: [`q${evil}`], types: ['work'], firstDiedAt: 1, lastDiedAt: 2, exampleJobs: [4, 5, 6] }],
    moreGroups: 0,
  });
  f.input.scenarioText = `name: ${evil}\n`;
  const html = renderReportHtml(buildReportData(f.timeline, f.input));

  it('escapes scenario names, errors and the scenario text in the page', () => {
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).toContain('Queue Lab report: Poison &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<td class="error">boom &lt;script&gt;');
    const title = /<title>([^<]*)<\/title>/.exec(html)![1]!;
    expect(unescapeHtml(title)).toBe(`Queue Lab report: Poison ${evil}`);
  });

  it('keeps the JSON tag closed and the text intact after parsing', () => {
    const text = embeddedJson(html);
    expect(text).not.toContain('<');
    const parsed = JSON.parse(text) as { run: { scenario: string }; deadLetters: { groups: { error: string }[] }; scenarioText: string };
    expect(parsed.run.scenario).toBe(`Poison ${evil}`);
    expect(parsed.deadLetters.groups[0]!.error).toBe(`boom ${evil}`);
    expect(parsed.scenarioText).toBe(`name: ${evil}\n`);
  });
});

describe('report HTML of a run with no retries and no dead letters', () => {
  const f = fixtureOf(builtin('mm3-baseline'));
  const html = renderReportHtml(buildReportData(f.timeline, f.input));

  it('says so instead of drawing empty charts', () => {
    expect(f.summary.attempts.retries).toBe(0);
    expect(html).toContain('No attempt was retried');
    expect(html).toContain('id="dead-letters-empty"');
    expect(html).toMatch(/<svg class="chart" id="chart-depth"[^>]*>[\s\S]*?<path class="layer"/);
  });
});
