// The dead-letter table: the jobs that ran out of attempts, with what killed
// them, and the four actions of Laravel's failed-jobs commands (retry one,
// retry all, forget, flush) acting on the real store.
import { useMemo, useRef, useState, type ReactElement } from 'react';
import type { DeadJobInfo, LabApi } from '../../../shared/lab-api/lab-api.ts';
import { StateBadge } from '../inspector/StateBadge.tsx';
import { DeadLetterTable } from './DeadLetterTable.tsx';
import { RetryConfirm } from './RetryConfirm.tsx';
import { filterDead, sortDead, type DeadSort } from './dead-letter-rows.ts';
import { useDeadLetters } from './use-dead-letters.ts';
import './dead-letters.css';

export interface DeadLettersProps {
  api: LabApi;
  runId: string;
  /** Bumps when the run has new events: the table is read again. */
  version: number;
  onSelectJob?(seq: number): void;
  /** The timeline cursor: jobs that die later are not listed yet (the table follows the board). */
  cursor?: number;
  /** A finished run: no worker is left to run a retried job, so a retry asks first. */
  finished?: boolean;
}

export const DEAD_EMPTY_TEXT = "No dead letters yet: this scenario never exhausts attempts. Try 'Poison message'.";
export const DEAD_EMPTIED_TEXT = 'The dead-letter table is empty now: every dead job was retried or forgotten. The event log keeps what happened.';

export function DeadLetters({ api, runId, version, onSelectJob, cursor = Infinity, finished = false }: DeadLettersProps): ReactElement {
  const dead = useDeadLetters(api, runId, version);
  const [retrying, setRetrying] = useState<DeadJobInfo | 'all' | null>(null);
  // After an action the row (and its buttons) may be gone: focus goes to the line saying what happened.
  const statusRef = useRef<HTMLParagraphElement>(null);
  const afterAction = (work: Promise<void>): void => {
    statusRef.current?.focus();
    void work.then(() => statusRef.current?.focus());
  };
  const retry = (target: DeadJobInfo | 'all'): void => {
    setRetrying(null);
    afterAction(target === 'all' ? dead.retryAll() : dead.retryOne(target));
  };
  const ask = (target: DeadJobInfo | 'all'): void => (finished ? setRetrying(target) : retry(target));
  const [filter, setFilter] = useState('');
  const [grouped, setGrouped] = useState(false);
  const [sort, setSort] = useState<DeadSort>({ column: 'diedAt', direction: 'descending' });
  const [confirmFlush, setConfirmFlush] = useState(false);
  const byNow = useMemo(() => dead.rows.filter((d) => d.diedAt <= cursor + 1e-9), [dead.rows, cursor]);
  const later = dead.rows.length - byNow.length;
  const shown = useMemo(() => sortDead(filterDead(byNow, filter), sort), [byNow, filter, sort]);
  const total = byNow.length;

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
        <button type="button" className="ql-button" disabled={dead.busy || total === 0} onClick={() => ask('all')}>
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
      {retrying !== null && (
        <RetryConfirm
          what={retrying === 'all' ? `all ${total} dead jobs` : `job ${retrying.seq}`}
          onConfirm={() => retry(retrying)}
          onCancel={() => {
            setRetrying(null);
            statusRef.current?.focus();
          }}
        />
      )}
      <p ref={statusRef} tabIndex={-1} className={`ql-status${dead.status?.error ? ' ql-error' : ''}`} role="status">
        {dead.busy ? 'Working…' : (dead.status?.text ?? '')}
      </p>
      {later > 0 && (
        <p className="ql-muted">
          {later} more job{later === 1 ? '' : 's'} die{later === 1 ? 's' : ''} later in the run: move the timeline on, or skip to the end, to list {later === 1 ? 'it' : 'them'}.
        </p>
      )}
      {dead.loaded && total === 0 && later > 0 ? (
        <p className="ql-empty">No job has died yet at this point of the run.</p>
      ) : dead.loaded && total === 0 ? (
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
            onRetry={ask}
            onForget={(d) => afterAction(dead.forgetOne(d))}
            onSelectJob={onSelectJob}
          />
        </>
      )}
    </div>
  );
}
