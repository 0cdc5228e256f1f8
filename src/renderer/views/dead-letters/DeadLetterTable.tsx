// The table itself: a real <table> named "Dead letters", sortable by its
// column headers (buttons, with aria-sort on the sorted column), optionally
// grouped by error. Rows past MAX_ROWS are counted, not drawn: a retry storm
// can bury thousands of jobs, and the filter is the way to reach them.
import type { ReactElement } from 'react';
import type { DeadJobInfo } from '../../../shared/lab-api/lab-api.ts';
import { fmtSeconds } from '../inspector/format.ts';
import { DEAD_COLUMNS, groupByError, lastError, nextSort, type DeadSort } from './dead-letter-rows.ts';

export const MAX_ROWS = 500;

export interface DeadLetterTableProps {
  rows: DeadJobInfo[];
  grouped: boolean;
  sort: DeadSort;
  onSort(sort: DeadSort): void;
  busy: boolean;
  onRetry(d: DeadJobInfo): void;
  onForget(d: DeadJobInfo): void;
  onSelectJob?: ((seq: number) => void) | undefined;
}

const COLS = DEAD_COLUMNS.length + 1;

export function DeadLetterTable(props: DeadLetterTableProps): ReactElement {
  const { rows, grouped, sort, onSort } = props;
  const drawn = rows.slice(0, MAX_ROWS);
  return (
    <div className="ql-table-scroll">
      <table className="ql-table ql-dead-table" aria-label="Dead letters">
        <thead>
          <tr>
            {DEAD_COLUMNS.map((c) => (
              <th key={c.column} scope="col" aria-sort={sort.column === c.column ? sort.direction : undefined} className={c.numeric ? 'ql-num' : ''}>
                <button type="button" className="ql-sort" onClick={() => onSort(nextSort(sort, c.column))}>
                  {c.label}
                  <span aria-hidden="true" className="ql-sort-mark">
                    {sort.column === c.column ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
                  </span>
                </button>
              </th>
            ))}
            <th scope="col">Actions</th>
          </tr>
        </thead>
        {grouped ? (
          groupByError(drawn).map((g) => (
            <tbody key={g.error}>
              <tr className="ql-group">
                <th scope="rowgroup" colSpan={COLS}>
                  {g.error} <span className="ql-muted">({g.rows.length} job{g.rows.length === 1 ? '' : 's'})</span>
                </th>
              </tr>
              <Rows {...props} rows={g.rows} />
            </tbody>
          ))
        ) : (
          <tbody>
            <Rows {...props} rows={drawn} />
          </tbody>
        )}
      </table>
      {rows.length > MAX_ROWS && (
        <p className="ql-muted">
          Showing the first {MAX_ROWS} of {rows.length}; filter to reach the others.
        </p>
      )}
    </div>
  );
}

function Rows({ rows, busy, onRetry, onForget, onSelectJob }: DeadLetterTableProps): ReactElement {
  return (
    <>
      {rows.map((d) => (
        <tr key={d.jobId} onClick={() => onSelectJob?.(d.seq)} className={onSelectJob ? 'ql-clickable' : ''}>
            <td className="ql-num">
              {onSelectJob ? (
                <button
                  type="button"
                  className="ql-link"
                  onClick={(e) => {
                    e.stopPropagation();
                    onSelectJob(d.seq);
                  }}
                >
                  Job {d.seq}
                </button>
              ) : (
                `Job ${d.seq}`
              )}
            </td>
            <td>{d.queue}</td>
            <td>{d.type}</td>
            <td className="ql-num">{d.attempts}</td>
            <td className="ql-num">{fmtSeconds(d.diedAt)}</td>
            <td className="ql-error-cell" title={d.reason}>
              {lastError(d)}
            </td>
            <td className="ql-actions" onClick={(e) => e.stopPropagation()}>
              <button type="button" className="ql-button" disabled={busy} aria-label={`Retry job ${d.seq}`} onClick={() => onRetry(d)}>
                Retry
              </button>
              <button type="button" className="ql-button" disabled={busy} aria-label={`Forget job ${d.seq}`} onClick={() => onForget(d)}>
                Forget
              </button>
            </td>
        </tr>
      ))}
    </>
  );
}
