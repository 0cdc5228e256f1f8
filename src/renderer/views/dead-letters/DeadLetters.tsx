// The dead-letter table: the jobs that ran out of attempts, with what killed
// them, and the four actions of Laravel's failed-jobs commands (retry one,
// retry all, forget, flush) acting on the real store.
import { useMemo, useState, type ReactElement } from 'react';
import type { LabApi } from '../../../shared/lab-api/lab-api.ts';
import { StateBadge } from '../inspector/StateBadge.tsx';
import { DeadLetterTable } from './DeadLetterTable.tsx';
import { filterDead, sortDead, type DeadSort } from './dead-letter-rows.ts';
import { useDeadLetters } from './use-dead-letters.ts';
import './dead-letters.css';

export interface DeadLettersProps {
  api: LabApi;
  runId: string;
  /** Bumps when the run has new events: the table is read again. */
  version: number;
  onSelectJob?(seq: number): void;
}

export const DEAD_EMPTY_TEXT = "No dead letters yet: this scenario never exhausts attempts. Try 'Poison message'.";
export const DEAD_EMPTIED_TEXT = 'The dead-letter table is empty now: every dead job was retried or forgotten. The event log keeps what happened.';

export function DeadLetters({ api, runId, version, onSelectJob }: DeadLettersProps): ReactElement {
  const dead = useDeadLetters(api, runId, version);
  const [filter, setFilter] = useState('');
  const [grouped, setGrouped] = useState(false);
  const [sort, setSort] = useState<DeadSort>({ column: 'diedAt', direction: 'descending' });
  const [confirmFlush, setConfirmFlush] = useState(false);
  const shown = useMemo(() => sortDead(filterDead(dead.rows, filter), sort), [dead.rows, filter, sort]);
  const total = dead.rows.length;

  return (
    <div className="ql-dead">
      <div className="ql-toolbar" role="toolbar" aria-label="Dead-letter actions">
        <label className="ql-filter">
          Filter
          <input
            className="ql-input"
            type="search"
            value={filter}
            placeholder="job, queue, type or error"
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
        <label className="ql-check">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
          Group by error
        </label>
        <span className="ql-spacer" />
        <button type="button" className="ql-button" disabled={dead.busy || total === 0} onClick={() => void dead.retryAll()}>
          Retry all
        </button>
        <button
          type="button"
          className="ql-button ql-danger"
          disabled={dead.busy || total === 0}
          aria-expanded={confirmFlush}
          onClick={() => setConfirmFlush(true)}
        >
          Flush…
        </button>
      </div>
      {confirmFlush && (
        <div className="ql-confirm" role="group" aria-label="Confirm flush">
          <span>
            Forget all {total} dead letter{total === 1 ? '' : 's'} of this run? They become cancelled; their errors stay in the event log.
          </span>
          <button
            type="button"
            className="ql-button ql-danger"
            autoFocus
            onClick={() => {
              setConfirmFlush(false);
              void dead.flush();
            }}
          >
            Forget all {total}
          </button>
          <button type="button" className="ql-button" onClick={() => setConfirmFlush(false)}>
            Keep them
          </button>
        </div>
      )}
      <p className={`ql-status${dead.status?.error ? ' ql-error' : ''}`} role="status">
        {dead.busy ? 'Working…' : (dead.status?.text ?? '')}
      </p>
      {dead.loaded && total === 0 ? (
        <p className="ql-empty">{dead.hadRows ? DEAD_EMPTIED_TEXT : DEAD_EMPTY_TEXT}</p>
      ) : (
        <>
          <p className="ql-count">
            <StateBadge state="dead" />{' '}
            <span className="ql-muted">
              {filter ? `${shown.length} of ${total} jobs match the filter` : `${total} job${total === 1 ? '' : 's'}`}
            </span>
          </p>
          <DeadLetterTable
            rows={shown}
            grouped={grouped}
            sort={sort}
            onSort={setSort}
            busy={dead.busy}
            onRetry={(d) => void dead.retryOne(d)}
            onForget={(d) => void dead.forgetOne(d)}
            onSelectJob={onSelectJob}
          />
        </>
      )}
    </div>
  );
}
