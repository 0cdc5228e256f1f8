// Runs the real `queue-lab` command as a child process, in a sandbox: HOME
// points at a temp folder and QUEUE_LAB_DB / XDG_DATA_HOME are removed, so a
// test that forgets --db still never writes to the real user's data folder.
import { expect } from 'vitest';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(REPO, 'bin', 'queue-lab.mjs');
export const fixture = (name: string): string => join(REPO, 'test', 'fixtures', 'cli', name);
export const DESIGN_EXAMPLE = join(REPO, 'test', 'fixtures', 'scenarios', 'design-example.yaml');

/** The keys docs/architecture.md "Contracts" promises in every --json summary. */
export const SUMMARY_KEYS = {
  top: ['scenario', 'mode', 'seed', 'run_id', 'jobs', 'attempts', 'latency_s', 'throughput_per_s', 'sim_duration_s', 'wall_s', 'events', 'event_log_sha256', 'duplicates', 'lost'],
  jobs: ['total', 'succeeded', 'dead', 'cancelled', 'pending'],
  attempts: ['total', 'retries', 'mean_per_succeeded'],
  latency_s: ['wait_mean', 'wait_p50', 'wait_p95', 'wait_p99', 'total_mean', 'total_p95'],
} as const;

export const JOB_STATES = ['scheduled', 'pending', 'processing', 'succeeded', 'retrying', 'dead', 'cancelled'];

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Sandbox {
  dir: string;
  home: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

export function makeSandbox(prefix: string): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), `queue-lab-${prefix}-`));
  const home = join(dir, 'home');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env.QUEUE_LAB_DB;
  delete env.XDG_DATA_HOME;
  delete env.QUEUE_LAB_DEBUG;
  return { dir, home, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  /** Another copy of the command (a test running it as another user); default: the checkout's. */
  bin?: string;
  cwd?: string;
  uid?: number;
  gid?: number;
  timeoutMs?: number;
}

export function cli(sandbox: Sandbox, args: string[], options: CliOptions = {}): CliResult {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? REPO,
    env: options.env ?? sandbox.env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  if (options.uid !== undefined) spawnOptions.uid = options.uid;
  if (options.gid !== undefined) spawnOptions.gid = options.gid;
  const started = performance.now();
  const r = spawnSync(process.execPath, [options.bin ?? BIN, ...args], spawnOptions);
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: String(r.stdout), stderr: String(r.stderr), ms: performance.now() - started };
}

/** A stack trace line, as node prints them: "    at fn (file:line:col)". */
export const STACK_LINE = /^\s+at .+/m;

/** A refusal as the CLI must give it: exit `code`, one line on stderr matching `pattern`, no stack, nothing on stdout. */
export function expectOneLine(r: CliResult, code: number, pattern: RegExp): void {
  expect(r.status, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stdout).toBe('');
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Opens a lab database read-only for assertions and closes it again. */
export function inspectDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function count(db: Database.Database, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).pluck().get(...params) as number) ?? 0;
}
