// queue-lab report and run --report through the real command, on a real
// database file: every format, and every mistake a user can make exiting 2
// with one plain line.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../src/shared/metrics/run-summary.ts';
import { cli, count, inspectDb, makeSandbox, STACK_LINE, type Sandbox } from '../cli/cli-helpers.ts';

let box: Sandbox;
let db: string;
let summary: RunSummary;

function expectBadInput(r: { status: number | null; stderr: string }, words: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(words);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

function dataRows(path: string): number {
  // CRLF ends a record; details with line breaks would be quoted, so count records, not lines.
  return readFileSync(path, 'utf8').split('\r\n').filter(Boolean).length - 1;
}

beforeAll(() => {
  box = makeSandbox('report');
  db = join(box.dir, 'lab.db');
  const run = cli(box, ['run', 'poison-message', '--db', db, '--json', '--report', join(box.dir, 'run.html')]);
  expect(run.status, run.stderr).toBe(0);
  summary = JSON.parse(run.stdout) as RunSummary;
});
afterAll(() => box.cleanup());

describe('queue-lab run --report', () => {
  it('writes the HTML report of the run it just made, and --json stdout stays one object', () => {
    const html = readFileSync(join(box.dir, 'run.html'), 'utf8');
    expect(html).toContain(`<dd id="run-id">${summary.run_id}</dd>`);
    expect(html).toContain(`data-metric="jobs.dead">${summary.jobs.dead}</data>`);
  });

  it('refuses a folder that does not exist before running anything', () => {
    const other = join(box.dir, 'other.db');
    const r = cli(box, ['run', 'poison-message', '--db', other, '--report', join(box.dir, 'missing', 'x.html')]);
    expectBadInput(r, /--report: the folder .*missing does not exist/);
    expect(existsSync(other)).toBe(false);
  });

  it('refuses --store none, which keeps no events to chart', () => {
    expectBadInput(cli(box, ['run', 'poison-message', '--db', db, '--store', 'none', '--report', join(box.dir, 'n.html')]), /--store none/);
  });
});

describe('queue-lab report', () => {
  it('writes HTML by default, with the summary of the run', () => {
    const out = join(box.dir, 'r.html');
    const r = cli(box, ['report', summary.run_id, '--db', db, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/report \(html\) of run \w+: .*r\.html/);
    const html = readFileSync(out, 'utf8');
    const json = /<script type="application\/json" id="queue-lab-results">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect((JSON.parse(json) as { summary: RunSummary }).summary).toEqual(summary);
    expect(html).toContain('<dd id="app-version">0.1.0</dd>');
    expect(html).toContain('poison message: the handler throws on this payload every time');
  });

  it('--format json: the summary and the series', () => {
    const out = join(box.dir, 'r.json');
    expect(cli(box, ['report', summary.run_id, '--db', db, '--out', out, '--format', 'json']).status).toBe(0);
    const data = JSON.parse(readFileSync(out, 'utf8')) as { summary: RunSummary; depth: { t: number[] }; deadLetters: { total: number } };
    expect(data.summary).toEqual(summary);
    expect(data.depth.t.length).toBeGreaterThan(10);
    expect(data.deadLetters.total).toBe(summary.jobs.dead);
  });

  it('--format csv: jobs, attempts and events, one row each', () => {
    const out = join(box.dir, 'csv');
    const r = cli(box, ['report', summary.run_id, '--db', db, '--out', out, '--format', 'csv']);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['attempts.csv', 'events.csv', 'jobs.csv']);
    expect(dataRows(join(out, 'jobs.csv'))).toBe(summary.jobs.total);
    expect(dataRows(join(out, 'attempts.csv'))).toBe(summary.attempts.total);
    expect(dataRows(join(out, 'events.csv'))).toBe(summary.events);
    const dead = readFileSync(join(out, 'jobs.csv'), 'utf8').split('\r\n').filter((l) => l.split(',')[3] === 'dead').length;
    expect(dead).toBe(summary.jobs.dead);
  });

  it('--format pdf prints through Chromium', () => {
    const out = join(box.dir, 'r.pdf');
    const r = cli(box, ['report', summary.run_id, '--db', db, '--out', out], { timeoutMs: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('--format pdf without Chromium exits 1 and says so in one line', () => {
    const env = { ...box.env, QUEUE_LAB_CHROMIUM: join(box.dir, 'no-chromium-here') };
    const r = cli(box, ['report', summary.run_id, '--db', db, '--out', join(box.dir, 'x.pdf'), '--format', 'pdf'], { env });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/PDF export needs Chromium and none is installed/);
    expect(existsSync(join(box.dir, 'x.pdf'))).toBe(false);
  });
});

describe('queue-lab report, bad input', () => {
  it('an unknown run id', () => {
    expectBadInput(cli(box, ['report', 'nosuchrun', '--db', db, '--out', join(box.dir, 'u.html')]), /no run nosuchrun in /);
  });

  it('--out into a folder that does not exist', () => {
    expectBadInput(cli(box, ['report', summary.run_id, '--db', db, '--out', join(box.dir, 'nope', 'r.html')]), /--out: the folder .*nope does not exist/);
  });

  it('a bad --format', () => {
    expectBadInput(cli(box, ['report', summary.run_id, '--db', db, '--out', join(box.dir, 'r.txt'), '--format', 'docx']), /--format: expected html, json, csv or pdf, got "docx"/);
  });

  it('no --out, no run id, a database that does not exist', () => {
    expectBadInput(cli(box, ['report', summary.run_id, '--db', db]), /report needs --out FILE/);
    expectBadInput(cli(box, ['report', '--db', db, '--out', join(box.dir, 'a.html')]), /report takes one run id, got 0/);
    expectBadInput(cli(box, ['report', summary.run_id, '--db', join(box.dir, 'none.db'), '--out', join(box.dir, 'a.html')]), /no lab database at .*none\.db/);
    expect(existsSync(join(box.dir, 'none.db'))).toBe(false);
  });

  it('--format csv onto a file, html onto a folder', () => {
    writeFileSync(join(box.dir, 'afile'), '');
    mkdirSync(join(box.dir, 'adir'), { recursive: true });
    expectBadInput(cli(box, ['report', summary.run_id, '--db', db, '--out', join(box.dir, 'afile'), '--format', 'csv']), /is a file/);
    expectBadInput(cli(box, ['report', summary.run_id, '--db', db, '--out', join(box.dir, 'adir')]), /is a folder/);
  });

  it('a run stored with --store none', () => {
    const r = cli(box, ['run', 'poison-message', '--db', db, '--store', 'none', '--json']);
    const id = (JSON.parse(r.stdout) as RunSummary).run_id;
    expect(inspectDb(db, (d) => count(d, 'SELECT COUNT(*) FROM events WHERE run_id = ?', id))).toBe(0);
    expectBadInput(cli(box, ['report', id, '--db', db, '--out', join(box.dir, 'n.html')]), /stored with --store none/);
  });
});
