// What the dead-letter table does to its rows, apart from React: filter by
// text, sort by a column, group by error. Plain functions so tests can drive
// them.
import type { DeadJobInfo } from '../../../shared/lab-api/lab-api.ts';

export type DeadColumn = 'seq' | 'queue' | 'type' | 'attempts' | 'diedAt' | 'error';
export type SortDirection = 'ascending' | 'descending';
export interface DeadSort {
  column: DeadColumn;
  direction: SortDirection;
}

export const DEAD_COLUMNS: readonly { column: DeadColumn; label: string; numeric: boolean }[] = [
  { column: 'seq', label: 'Job', numeric: true },
  { column: 'queue', label: 'Queue', numeric: false },
  { column: 'type', label: 'Type', numeric: false },
  { column: 'attempts', label: 'Attempts', numeric: true },
  { column: 'diedAt', label: 'Died at', numeric: true },
  { column: 'error', label: 'Last error', numeric: false },
];

/** The error that killed the job: its last attempt's, else the reason it was buried. */
export function lastError(d: DeadJobInfo): string {
  for (let i = d.errors.length - 1; i >= 0; i--) {
    const e = d.errors[i];
    if (e) return e;
  }
  return d.reason;
}

function key(d: DeadJobInfo, column: DeadColumn): number | string {
  switch (column) {
    case 'seq':
      return d.seq;
    case 'queue':
      return d.queue;
    case 'type':
      return d.type;
    case 'attempts':
      return d.attempts;
    case 'diedAt':
      return d.diedAt;
    case 'error':
      return lastError(d);
  }
}

/** A stable sort; ties keep job order so rows do not jump on refresh. */
export function sortDead(rows: readonly DeadJobInfo[], sort: DeadSort): DeadJobInfo[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const ka = key(a, sort.column);
    const kb = key(b, sort.column);
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    return c !== 0 ? sign * c : a.seq - b.seq;
  });
}

/** Every word of the filter must appear in the row (job number, queue, type, errors, reason, payload). */
export function filterDead(rows: readonly DeadJobInfo[], filter: string): DeadJobInfo[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((d) => {
    const text = [String(d.seq), d.queue, d.type, d.reason, d.payload ?? '', ...d.errors.map((e) => e ?? '')].join('\n').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export interface DeadGroup {
  error: string;
  rows: DeadJobInfo[];
}

/** Groups keep the order of their first row, so sorting still decides which group comes first. */
export function groupByError(rows: readonly DeadJobInfo[]): DeadGroup[] {
  const groups = new Map<string, DeadGroup>();
  for (const d of rows) {
    const error = lastError(d);
    let g = groups.get(error);
    if (!g) groups.set(error, (g = { error, rows: [] }));
    g.rows.push(d);
  }
  return [...groups.values()];
}

/** Clicking a header: the same column flips direction; a new column starts ascending. */
export function nextSort(current: DeadSort, column: DeadColumn): DeadSort {
  if (current.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: 'ascending' };
}
