// --format csv: a run's jobs, attempts and events as three CSV files in one
// folder, for a spreadsheet or pandas. Rows come from the store's reads in
// pages and go to the file in about 1 MB writes, so a million-job run never sits in memory.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CSV_COLUMNS, csvCursor, type CsvTable, type RunReads } from '../engine/store/reads/run-reads.ts';

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

/** Rows per read: large enough that a store's per-call cost vanishes, small enough to keep memory flat. */
const PAGE = 20_000;

async function writeCsv(path: string, table: CsvTable, reads: RunReads, runId: string): Promise<number> {
  const fd = openSync(path, 'w');
  let count = 0;
  try {
    let buffer = `${CSV_COLUMNS[table].join(',')}\r\n`;
    for (let after: number[] | null = null; ;) {
      const rows = await reads.csvRows(table, runId, after, PAGE);
      for (const row of rows) {
        buffer += `${row.map(csvField).join(',')}\r\n`;
        count++;
        if (buffer.length >= FLUSH_BYTES) { writeSync(fd, buffer); buffer = ''; }
      }
      if (rows.length < PAGE) break;
      after = csvCursor(table, rows[rows.length - 1]!);
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return count;
}

export interface CsvCounts {
  jobs: number;
  attempts: number;
  events: number;
}

/** Writes jobs.csv, attempts.csv and events.csv into `folder` (which must exist). */
export async function exportCsv(reads: RunReads, runId: string, folder: string): Promise<CsvCounts> {
  return {
    jobs: await writeCsv(join(folder, 'jobs.csv'), 'jobs', reads, runId),
    attempts: await writeCsv(join(folder, 'attempts.csv'), 'attempts', reads, runId),
    events: await writeCsv(join(folder, 'events.csv'), 'events', reads, runId),
  };
}
