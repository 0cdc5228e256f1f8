// queue-lab run SCENARIO [--mode instant] [--seed N] [--db FILE|postgres://...] [--json] [--store full|none] [--report FILE] [--claim skipLocked|forUpdate]
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runInstant } from '../../engine/run-instant.ts';
import { runLive } from '../../engine/live/run-live.ts';
import { NodeWorkerHost } from '../../workers/node-worker-host.ts';
import { explain, openDatabase, type DB } from '../../engine/store/open-database.ts';
import { defaultDbPath } from '../../paths/default-db-path.ts';
import { dbTarget } from '../../engine/store/open-store.ts';
import { CLAIM_STRATEGIES, type ClaimStrategy } from '../../engine/store/postgres/claim-strategy.ts';
import { runLiveOnPostgres } from './run-live-postgres.ts';
import { EXIT, UsageError } from '../cli-error.ts';
import { formatSummary } from '../format-summary.ts';
import { ProgressBar } from '../progress-bar.ts';
import { ReportInputError } from '../../report/report-errors.ts';
import { checkOutPath, writeReport } from '../../report/write-report.ts';
import { printIssues, resolveScenario } from '../resolve-scenario.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { RUN_USAGE } from '../usage.ts';
import { sqliteRunReads } from '../../engine/store/reads/sqlite-run-reads.ts';

export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    mode: { type: 'string', default: 'instant' },
    seed: { type: 'string' },
    db: { type: 'string' },
    store: { type: 'string', default: 'full' },
    json: { type: 'boolean', default: false },
    'time-scale': { type: 'string' },
    workers: { type: 'string' },
    report: { type: 'string' },
    claim: { type: 'string' },
  }, RUN_USAGE);
  if (positionals.length !== 1) throw new UsageError(`run takes one scenario, got ${positionals.length}\n\n${RUN_USAGE}`);
  if (values.mode !== 'instant' && values.mode !== 'live') throw new UsageError(`--mode: expected instant or live, got "${values.mode}"`);
  const live = values.mode === 'live';
  if (!live && (values['time-scale'] !== undefined || values.workers !== undefined)) throw new UsageError('--time-scale and --workers are for --mode live');
  if (live && values.store === 'none') throw new UsageError('--store none is for instant runs: a live run lives in the database');
  const timeScale = values['time-scale'] === undefined ? 0.05 : parsePositive('--time-scale', values['time-scale'], 100);
  const workers = values.workers === undefined ? undefined : parseCount('--workers', values.workers, 64);
  if (values.store !== 'full' && values.store !== 'none') throw new UsageError(`--store: expected full or none, got "${values.store}"`);
  const seed = values.seed === undefined ? undefined : parseSeed(values.seed);
  if (values.report !== undefined && values.store === 'none') throw new UsageError('--report needs the events: it cannot go with --store none');
  // A missing folder is refused before the run, not after minutes of it.
  if (values.report !== undefined) reportPathOrThrow(values.report);
  const target = dbTarget(values.db ?? defaultDbPath());
  if (target.kind === 'postgres' && !live) {
    throw new UsageError('--mode instant stores its runs in a SQLite file only; give --db FILE, or run on PostgreSQL with --mode live');
  }
  const claimStrategy = parseClaim(values.claim, target.kind === 'postgres');

  const resolved = await resolveScenario(positionals[0]!);
  if (!resolved.ok) {
    printIssues(resolved.source, resolved.issues, io.err);
    return EXIT.badInput;
  }
  const scenario = seed === undefined ? resolved.scenario : { ...resolved.scenario, seed };

  if (target.kind === 'postgres') {
    return runLiveOnPostgres(scenario, target, { timeScale, workers, claimStrategy, json: values.json, report: values.report }, io);
  }
  const dbPath = target.file;
  if (values.db === undefined) mkdirSync(dirname(dbPath), { recursive: true });
  const db: DB = openDatabase(dbPath);
  const bar = new ProgressBar();
  try {
    const onProgress = (done: number, total: number, t: number): void => bar.update(done, total, `${done}/${total} jobs, t = ${t.toFixed(1)} s`);
    const summary = live
      ? await runLive(scenario, { db, host: new NodeWorkerHost(), timeScale, workers, onProgress })
      : runInstant(scenario, { db, store: values.store, onProgress });
    bar.done();
    const report = values.report === undefined ? null : await writeReport(sqliteRunReads(db), summary.run_id, 'html', values.report, dbPath);
    if (values.json) io.out(JSON.stringify(summary));
    else io.out(formatSummary(summary) + `  database  ${dbPath}\n` + (report ? `  report    ${report.path}\n` : ''));
    return EXIT.ok;
  } catch (error) {
    // The first write happens here, not in openDatabase: a read-only or
    // locked file shows up now and deserves the same plain words.
    throw explain(error, dbPath);
  } finally {
    bar.done();
    db.close();
  }
}

/** --claim: how live workers on PostgreSQL lock the rows they claim (README "PostgreSQL"). */
function parseClaim(text: string | undefined, postgres: boolean): ClaimStrategy | undefined {
  if (text === undefined) return undefined;
  if (!postgres) throw new UsageError('--claim is for live runs on PostgreSQL (--db postgres://...); SQLite claims under BEGIN IMMEDIATE');
  if (!(CLAIM_STRATEGIES as readonly string[]).includes(text)) throw new UsageError(`--claim: expected skipLocked or forUpdate, got "${text}"`);
  return text as ClaimStrategy;
}

function reportPathOrThrow(out: string): void {
  try {
    checkOutPath(out, 'html');
  } catch (error) {
    throw error instanceof ReportInputError ? new UsageError(`--report: ${error.message.replace(/^--out: /, '')}`) : error;
  }
}

function parsePositive(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new UsageError(`${flag}: expected a number > 0 and <= ${max}, got "${text}"`);
  return n;
}

function parseCount(flag: string, text: string, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > max) throw new UsageError(`${flag}: expected an integer 1..${max}, got "${text}"`);
  return n;
}

function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n > 2 ** 32 - 1) {
    throw new UsageError(`--seed: expected an integer 0..4294967295, got "${text}"`);
  }
  return n;
}
