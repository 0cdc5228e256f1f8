// --format csv: a run's jobs, attempts and events as three CSV files in one
// folder, for a spreadsheet or pandas. Rows stream from SQLite to the file in
// about 1 MB writes, so a million-job run never sits in memory.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DB } from '../engine/store/open-database.ts';
import { jobId } from '../engine/store/job-id.ts';

const FLUSH_BYTES = 1 << 20;

/**
 * RFC 4180: a field with a comma, quote or line break is quoted, its quotes
 * doubled. Text that a spreadsheet would run as a formula (it begins with
 * = + - @, or a tab or CR before one) gets a leading apostrophe first, as
 * OWASP advises: payloads, errors, keys and names come from users. Only
 * text is touched: SQLite hands numbers over as numbers, so -5 stays -5.
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(path: string, columns: readonly string[], rows: Iterable<unknown[]>): number {
  const fd = openSync(path, 'w');
  let count = 0;
  try {
    let buffer = `${columns.join(',')}\r\n`;
    for (const row of rows) {
      buffer += `${row.map(csvField).join(',')}\r\n`;
      count++;
      if (buffer.length >= FLUSH_BYTES) { writeSync(fd, buffer); buffer = ''; }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return count;
}

const JOB_COLUMNS = [
  'seq', 'queue', 'type', 'state', 'priority', 'attempts', 'max_attempts', 'enqueued_at', 'first_claimed_at', 'finished_at',
  'parent_id', 'batch_id', 'idempotency_key', 'last_error', 'cancel_reason', 'completions', 'payload',
] as const;
const ATTEMPT_COLUMNS = ['job', 'attempt', 'worker', 'started_at', 'ended_at', 'outcome', 'error', 'backoff_base', 'backoff_delay', 'backoff_formula'] as const;
const EVENT_COLUMNS = ['seq', 't', 'job', 'kind', 'from_state', 'to_state', 'worker', 'detail'] as const;

export interface CsvCounts {
  jobs: number;
  attempts: number;
  events: number;
}

/** Writes jobs.csv, attempts.csv and events.csv into `folder` (which must exist). */
export function exportCsv(db: DB, runId: string, runNum: number, folder: string): CsvCounts {
  // A run's jobs are the id range (num * 2^32, (num + 1) * 2^32]: index seeks, however many runs the file holds.
  const lo = jobId(runNum, 0);
  const hi = jobId(runNum + 1, 0);
  const jobs = db.prepare<[number, number]>(
    `SELECT ${JOB_COLUMNS.map((c) => (c === 'parent_id' ? 'parent_id % 4294967296 AS parent_id' : c)).join(', ')} FROM jobs WHERE id > ? AND id <= ? ORDER BY id`,
  ).raw();
  const attempts = db.prepare<[number, number]>(
    `SELECT job_id % 4294967296 AS job, ${ATTEMPT_COLUMNS.slice(1).join(', ')} FROM attempts WHERE job_id > ? AND job_id <= ? ORDER BY job_id, attempt`,
  ).raw();
  const events = db.prepare<[string]>(`SELECT ${EVENT_COLUMNS.join(', ')} FROM events WHERE run_id = ? ORDER BY seq`).raw();
  return {
    jobs: writeCsv(join(folder, 'jobs.csv'), JOB_COLUMNS, jobs.iterate(lo, hi) as Iterable<unknown[]>),
    attempts: writeCsv(join(folder, 'attempts.csv'), ATTEMPT_COLUMNS, attempts.iterate(lo, hi) as Iterable<unknown[]>),
    events: writeCsv(join(folder, 'events.csv'), EVENT_COLUMNS, events.iterate(runId) as Iterable<unknown[]>),
  };
}
