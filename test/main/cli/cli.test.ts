// The `queue-lab` command as a user meets it: real child processes, real
// SQLite files in a temp folder, exit codes 0 / 1 / 2 (docs/architecture.md "Contracts").
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIN, cli, count, DESIGN_EXAMPLE, fixture, inspectDb, JOB_STATES, makeSandbox, REPO, STACK_LINE, SUMMARY_KEYS,
  type CliResult, type Sandbox,
} from './cli-helpers.ts';

interface Summary {
  scenario: string;
  mode: string;
  seed: number;
  run_id: string;
  jobs: Record<string, number>;
  attempts: Record<string, number>;
  latency_s: Record<string, number>;
  throughput_per_s: number;
  sim_duration_s: number;
  wall_s: number;
  events: number;
  event_log_sha256: string;
  duplicates: number;
  lost: number;
}

let box: Sandbox;
let db: string;
let builtinKeys: string[] = [];

beforeAll(() => {
  box = makeSandbox('cli');
  db = join(box.dir, 'lab.db');
});
afterAll(() => box.cleanup());

function expectCleanError(r: CliResult, code: number): void {
  expect(r.status, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr.trim()).not.toBe('');
}

/** Parses --json output: exactly one JSON object on stdout, nothing else. */
function parseSummary(r: CliResult): Summary {
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout.endsWith('\n')).toBe(true);
  expect(r.stdout.trim().split('\n')).toHaveLength(1);
  const parsed: unknown = JSON.parse(r.stdout);
  expect(parsed).toBeTypeOf('object');
  expect(Array.isArray(parsed)).toBe(false);
  return parsed as Summary;
}

function expectSummaryShape(s: Summary): void {
  for (const key of SUMMARY_KEYS.top) expect(s, `missing key ${key}`).toHaveProperty(key);
  for (const key of SUMMARY_KEYS.jobs) expect(Number.isInteger(s.jobs[key]), `jobs.${key}`).toBe(true);
  for (const key of SUMMARY_KEYS.attempts) expect(s.attempts[key], `attempts.${key}`).toBeTypeOf('number');
  for (const key of SUMMARY_KEYS.latency_s) expect(Number.isFinite(s.latency_s[key]), `latency_s.${key}`).toBe(true);
  expect(Number.isInteger(s.attempts.total) && Number.isInteger(s.attempts.retries)).toBe(true);
  expect(s.mode).toBe('instant');
  expect(Number.isInteger(s.seed)).toBe(true);
  expect(s.run_id).toMatch(/^\S+$/);
  expect(s.event_log_sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(Number.isInteger(s.events) && s.events > 0).toBe(true);
  expect(Number.isInteger(s.duplicates) && Number.isInteger(s.lost)).toBe(true);
  for (const n of [s.throughput_per_s, s.sim_duration_s, s.wall_s]) expect(Number.isFinite(n) && n >= 0).toBe(true);
  const { total, succeeded, dead, cancelled, pending } = s.jobs;
  expect(succeeded! + dead! + cancelled! + pending!).toBeLessThanOrEqual(total!);
}

describe('help, commands and the built-in library', () => {
  it('--help and help exit 0 and list every command', () => {
    for (const args of [['--help'], ['help']]) {
      const r = cli(box, args);
      expect(r.status).toBe(0);
      for (const command of ['run', 'validate', 'scenarios', 'start', 'help']) expect(r.stdout).toMatch(new RegExp(`queue-lab ${command}\\b`));
      expect(r.stdout).toMatch(/exit codes/i);
    }
  });

  it('an unknown command exits 2 and says what to do, without a stack trace', () => {
    const r = cli(box, ['frobnicate']);
    expectCleanError(r, 2);
    expect(r.stderr).toContain('frobnicate');
    expect(r.stderr).toMatch(/help/);
  });

  it('scenarios lists at least 3 built-ins, and --json gives the same keys', () => {
    const text = cli(box, ['scenarios']);
    expect(text.status).toBe(0);
    const json = cli(box, ['scenarios', '--json']);
    expect(json.status).toBe(0);
    const list = JSON.parse(json.stdout) as { key: string; title: string; scenario: unknown }[];
    expect(Array.isArray(list)).toBe(true);
    expect(list.length).toBeGreaterThanOrEqual(3);
    builtinKeys = list.map((s) => s.key);
    for (const s of list) {
      expect(s.key).toMatch(/^[a-z0-9-]+$/);
      expect(s.title).toBeTypeOf('string');
      expect(s.scenario).toBeTypeOf('object');
      expect(text.stdout).toContain(s.key);
    }
  });

  it('piped into a reader that stops early (`scenarios | head`) it exits quietly, no EPIPE stack trace', async () => {
    // The reader end closes before the command writes: every write gets EPIPE.
    const child = spawn(process.execPath, [BIN, 'scenarios'], { cwd: REPO, env: box.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(STACK_LINE);
    expect(stderr).not.toMatch(/Unhandled 'error' event/);
    expect(code).toBe(0);
  });
});

describe('validate', () => {
  it('accepts the design example', () => {
    const r = cli(box, ['validate', DESIGN_EXAMPLE]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ok/);
    expect(r.stderr).toBe('');
  });

  it('reports every mistake of a file at once, each with its path, on stderr, exit 2, no stack trace', () => {
    const r = cli(box, ['validate', fixture('several-mistakes.yaml')]);
    expectCleanError(r, 2);
    expect(r.stdout).toBe('');
    const expected = [
      'seed: expected an integer >= 0, got -1',
      'workers.count: expected an integer >= 1, got -2',
      'workers.concurrency: expected an integer >= 1, got 0',
      'producers[0].arrival.kind: expected one of poisson, constant, burst, all-at-once, got "poison"',
      'retry.maxAttempts: expected an integer >= 1, got 0',
      'retry.jitter: expected one of none, full, equal, decorrelated, got "sometimes"',
    ];
    for (const line of expected) expect(r.stderr).toContain(line);
    // The typo is named, not silently ignored, and the intended key is suggested.
    expect(r.stderr).toMatch(/workres: unknown key.*workers/);
    expect(r.stderr).toMatch(/7 errors/);
  });
});

describe('run', () => {
  let full: Summary;

  it('--json prints exactly one summary object with every contract key, and no progress bar off a terminal', () => {
    // The design example takes more than the bar's 1 s on purpose: on a
    // terminal a bar would be drawn; piped, stderr must stay empty.
    const r = cli(box, ['run', DESIGN_EXAMPLE, '--json', '--db', db]);
    full = parseSummary(r);
    expectSummaryShape(full);
    expect(r.stderr).toBe('');
    expect(full.scenario).toBe('M/M/3 at 80% load');
    expect(full.seed).toBe(42);
    expect(full.jobs.total).toBe(100000);
    expect(full.wall_s).toBeGreaterThan(0);
  });

  it('stores the run in a database that sqlite tools can read, with the documented tables and states', () => {
    expect(full, 'needs the --json run above').toBeDefined();
    inspectDb(db, (d) => {
      const tables = d.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
      for (const t of ['runs', 'jobs', 'attempts', 'dead_jobs', 'events']) expect(tables).toContain(t);
      const run = d.prepare('SELECT id, scenario, mode, seed, status, store_level FROM runs WHERE id = ?').get(full.run_id);
      expect(run).toEqual({ id: full.run_id, scenario: full.scenario, mode: 'instant', seed: 42, status: 'completed', store_level: 'full' });
      expect(count(d, 'SELECT count(*) FROM jobs WHERE run_id = ?', full.run_id)).toBe(full.jobs.total);
      expect(count(d, 'SELECT count(*) FROM events WHERE run_id = ?', full.run_id)).toBe(full.events);
      expect(count(d, 'SELECT count(*) FROM attempts WHERE run_id = ?', full.run_id)).toBe(full.attempts.total);
      expect(count(d, 'SELECT count(*) FROM dead_jobs WHERE run_id = ?', full.run_id)).toBe(full.jobs.dead);
      expect(count(d, `SELECT count(*) FROM jobs WHERE run_id = ? AND state = 'succeeded'`, full.run_id)).toBe(full.jobs.succeeded);
      const states = d.prepare('SELECT DISTINCT state FROM jobs').pluck().all() as string[];
      expect(states.length).toBeGreaterThan(0);
      for (const s of states) expect(JOB_STATES).toContain(s);
      expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  });

  it('--store none prints the full summary with the same event log hash, and stores the run row only', () => {
    expect(full, 'needs the --json run above').toBeDefined();
    const r = cli(box, ['run', DESIGN_EXAMPLE, '--json', '--db', db, '--store', 'none']);
    const none = parseSummary(r);
    expectSummaryShape(none);
    expect(none.event_log_sha256).toBe(full.event_log_sha256);
    expect(none.events).toBe(full.events);
    expect(none.jobs).toEqual(full.jobs);
    expect(none.attempts).toEqual(full.attempts);
    expect(none.run_id).not.toBe(full.run_id);
    inspectDb(db, (d) => {
      const run = d.prepare('SELECT status, store_level FROM runs WHERE id = ?').get(none.run_id);
      expect(run).toEqual({ status: 'completed', store_level: 'none' });
      for (const table of ['jobs', 'events', 'attempts', 'dead_jobs']) {
        expect(count(d, `SELECT count(*) FROM ${table} WHERE run_id = ?`, none.run_id), table).toBe(0);
      }
      // The earlier full run is untouched.
      expect(count(d, 'SELECT count(*) FROM jobs WHERE run_id = ?', full.run_id)).toBe(full.jobs.total);
    });
  });

  it('is deterministic: the same scenario twice gives the same event log, --seed changes it', () => {
    const retrying = fixture('retrying.yaml');
    const a = parseSummary(cli(box, ['run', retrying, '--json', '--db', db]));
    const b = parseSummary(cli(box, ['run', retrying, '--json', '--db', db]));
    const c = parseSummary(cli(box, ['run', retrying, '--json', '--db', db, '--seed', '7']));
    expectSummaryShape(a);
    expect(a.jobs.dead).toBeGreaterThan(0);
    expect(a.attempts.retries).toBeGreaterThan(0);
    expect(b.run_id).not.toBe(a.run_id);
    expect(b.event_log_sha256).toBe(a.event_log_sha256);
    expect(b.events).toBe(a.events);
    expect(b.jobs).toEqual(a.jobs);
    expect(b.latency_s).toEqual(a.latency_s);
    expect(c.seed).toBe(7);
    expect(a.seed).toBe(42);
    expect(c.event_log_sha256).not.toBe(a.event_log_sha256);
    inspectDb(db, (d) => expect(d.prepare('SELECT seed FROM runs WHERE id = ?').pluck().get(c.run_id)).toBe(7));
  });

  it('human output shows the key numbers of the same run, and QUEUE_LAB_DB picks the database', () => {
    const retrying = fixture('retrying.yaml');
    const envDb = join(box.dir, 'from-env.db');
    const json = parseSummary(cli(box, ['run', retrying, '--json', '--db', db]));
    const r = cli(box, ['run', retrying], { env: { ...box.env, QUEUE_LAB_DB: envDb } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(() => JSON.parse(r.stdout)).toThrow();
    const out = r.stdout;
    expect(out).toContain('cli retrying');
    const { total, succeeded, dead } = json.jobs;
    expect(out).toMatch(new RegExp(`${total} total: ${succeeded} succeeded, ${dead} dead`));
    expect(out).toContain(`${json.attempts.total} (${json.attempts.retries} retries`);
    expect(out).toContain(json.latency_s.wait_mean!.toFixed(2));
    expect(out).toContain(json.latency_s.wait_p95!.toFixed(2));
    expect(out).toContain(json.throughput_per_s.toFixed(2));
    expect(out).toContain(String(json.events));
    expect(out).toContain(json.event_log_sha256.slice(0, 16));
    expect(out).toContain(envDb);
    expect(existsSync(envDb)).toBe(true);
    inspectDb(envDb, (d) => expect(count(d, `SELECT count(*) FROM runs WHERE status = 'completed'`)).toBe(1));
  });

  it('an invalid scenario exits 2, prints its errors and writes no run row (nor a new file)', () => {
    const before = inspectDb(db, (d) => count(d, 'SELECT count(*) FROM runs'));
    const r = cli(box, ['run', fixture('several-mistakes.yaml'), '--db', db]);
    expectCleanError(r, 2);
    expect(r.stderr).toContain('workers.count: expected an integer >= 1, got -2');
    expect(r.stderr).toMatch(/nothing was run/);
    expect(r.stdout).toBe('');
    expect(inspectDb(db, (d) => count(d, 'SELECT count(*) FROM runs'))).toBe(before);

    const fresh = join(box.dir, 'never-created.db');
    const r2 = cli(box, ['run', fixture('huge-count.yaml'), '--json', '--db', fresh]);
    expectCleanError(r2, 2);
    expect(r2.stdout).toBe('');
    expect(existsSync(fresh)).toBe(false);
  });

  it.each([
    [['--mode', 'warp'], /--mode/, /warp/],
    [['--seed', 'abc'], /--seed/, /abc/],
    [['--store', 'half'], /--store/, /half/],
    [['--bogus'], /--bogus/, /unknown option/],
  ])('bad flag %j exits 2 naming the flag', (flags, names, detail) => {
    const r = cli(box, ['run', fixture('retrying.yaml'), '--db', join(box.dir, 'flags.db'), ...flags]);
    expectCleanError(r, 2);
    expect(r.stderr).toMatch(names);
    expect(r.stderr).toMatch(detail);
    expect(r.stdout).toBe('');
    expect(existsSync(join(box.dir, 'flags.db'))).toBe(false);
  });

  it.each([
    [['--mode', 'live', '--store', 'none'], /--store none/],
    [['--mode', 'live', '--time-scale', '0'], /--time-scale/],
    [['--mode', 'live', '--workers', 'many'], /--workers/],
    [['--workers', '2'], /--mode live/],
  ])('live-mode flag misuse %j exits 2 naming the flag', (flags, names) => {
    const r = cli(box, ['run', fixture('retrying.yaml'), '--db', join(box.dir, 'live.db'), ...flags]);
    expectCleanError(r, 2);
    expect(r.stderr).toMatch(names);
    expect(existsSync(join(box.dir, 'live.db'))).toBe(false);
  });

  it('runs a built-in key; without --db or QUEUE_LAB_DB it uses the data folder under HOME', () => {
    expect(builtinKeys.length, 'needs the scenarios test above').toBeGreaterThan(0);
    const key = builtinKeys.includes('go-worker-pool') ? 'go-worker-pool' : builtinKeys[0]!;
    const r = cli(box, ['run', key, '--json']);
    const s = parseSummary(r);
    expectSummaryShape(s);
    const defaultDb = process.platform === 'win32' || process.platform === 'darwin'
      ? undefined
      : join(box.home, '.local', 'share', 'queue-lab', 'lab.db');
    if (defaultDb) {
      expect(existsSync(defaultDb)).toBe(true);
      inspectDb(defaultDb, (d) => expect(d.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(s.run_id)).toBe('completed'));
    }
  });
});
