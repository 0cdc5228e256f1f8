// The report of a retry storm made by the real command: it carries the
// built-in's lesson card, retry arrivals over time with the outage drawn as
// a band with both ends, and a lanes excerpt around the busiest moment of the
// run (it used to show the first 240 attempts: 0.4 s of a 99 s run). A
// scenario edited by hand gets no lesson card (it no longer is the lesson).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBuiltin } from '../../../src/shared/library/index.ts';
import type { ReportData } from '../../../src/shared/report/index.ts';
import { RESULTS_SCRIPT_ID } from '../../../src/shared/report/index.ts';
import { cli, makeSandbox, type Sandbox } from '../cli/cli-helpers.ts';

let box: Sandbox;
let html: string;
let data: ReportData;

function embedded(text: string): ReportData {
  const m = new RegExp(`<script type="application/json" id="${RESULTS_SCRIPT_ID}">([\\s\\S]*?)</script>`).exec(text)!;
  return JSON.parse(m[1]!) as ReportData;
}

beforeAll(() => {
  box = makeSandbox('report-lesson');
  const db = join(box.dir, 'lab.db');
  const run = cli(box, ['run', 'retry-storm-full-jitter', '--db', db, '--report', join(box.dir, 'storm.html')]);
  expect(run.status, run.stderr).toBe(0);
  html = readFileSync(join(box.dir, 'storm.html'), 'utf8');
  data = embedded(html);
}, 120_000);
afterAll(() => box.cleanup());

describe('a retry storm\'s report', () => {
  it('carries the built-in\'s lesson card', () => {
    const builtin = findBuiltin('retry-storm-full-jitter')!;
    expect(data.lesson).toEqual({ title: builtin.title, teaches: builtin.teaches, notice: builtin.notice });
    expect(html).toMatch(/<aside class="lesson" id="lesson" aria-label="Lesson"><h2>Lesson: Retry storm after an outage, full jitter<\/h2>/);
    expect(html).toContain('What to notice.');
  });

  it('draws retry arrivals per second with the outage as a band that ends at 40 s', () => {
    const arrivals = data.retryArrivals;
    expect(arrivals.spanSeconds).toBeCloseTo(1, 6);
    expect(arrivals.faults).toEqual([{ kind: 'window', label: 'outage call_api', start: 0, end: 40, icon: '⚡', toEnd: false }]);
    // The same peak the Charts tab and the lesson card quote (about 315 in one second).
    expect(arrivals.peak).toBeGreaterThan(300);
    expect(arrivals.peak).toBeLessThan(330);
    const chart = /<svg[^>]*id="chart-retry-arrivals"[\s\S]*?<\/svg>/.exec(html)![0];
    expect(chart).toContain('<title>outage call_api: 0–40 s</title>');
    expect(chart.match(/<line [^>]*stroke="#a8467a" stroke-width="1.5"\/>/g)).toHaveLength(2);
    expect(chart).toContain('⚡ outage call_api');
  });

  it('shows the lanes around the busiest moment, not the first attempts', () => {
    const lanes = data.lanes;
    expect(lanes.busiest).toBe(true);
    // The first 240 attempts of this run all sit in its first second or so.
    expect(lanes.start).toBeGreaterThan(2);
    expect(lanes.end - lanes.start).toBeGreaterThan(0.4);
    expect(lanes.shown).toBeGreaterThan(100);
    for (let i = 0; i < lanes.shown; i++) {
      expect(lanes.bars.start[i]!).toBeLessThanOrEqual(lanes.end);
      expect(lanes.bars.end[i] ?? Infinity).toBeGreaterThanOrEqual(lanes.start);
    }
    expect(html).toMatch(/id="lanes-window">Shows the busiest [\d.]+ s of the run, where the most attempts ended/);
  });

  it('gives a scenario edited by hand no lesson card', () => {
    const edited = { ...findBuiltin('retry-storm-full-jitter')!.scenario, workers: { count: 5, concurrency: 10 } };
    const file = join(box.dir, 'edited.json');
    writeFileSync(file, JSON.stringify(edited));
    const r = cli(box, ['run', file, '--db', join(box.dir, 'e.db'), '--report', join(box.dir, 'edited.html')]);
    expect(r.status, r.stderr).toBe(0);
    const other = embedded(readFileSync(join(box.dir, 'edited.html'), 'utf8'));
    expect(other.lesson).toBeNull();
    expect(readFileSync(join(box.dir, 'edited.html'), 'utf8')).not.toContain('id="lesson"');
  });
});
