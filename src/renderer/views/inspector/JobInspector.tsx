// The job inspector: one job's row, its attempts with the backoff gap the
// retry policy chose between them (formula and jitter), and its lease and
// recovery story. It reads the LabApi directly, so it works for any run,
// finished or live, whichever view the job was picked in. The attempts come
// first (what a student opens it for); the heading takes focus when a job is
// picked with nothing open before, so keyboard and screen-reader users land on it.
import { useEffect, useRef, type ReactElement } from 'react';
import type { JobInfo, LabApi } from '../../../shared/lab-api/lab-api.ts';
import { AttemptsTable } from './AttemptsTable.tsx';
import { DeadJobActions } from './DeadJobActions.tsx';
import { fmtPercent, fmtSeconds, NONE } from './format.ts';
import { StateBadge } from './StateBadge.tsx';
import { useJobDetails } from './use-job-details.ts';
import { STORY_LABELS } from './story-labels.ts';
import './inspector.css';

export interface JobInspectorProps {
  api: LabApi;
  runId: string;
  /** The job's number in the run (what events call `job`), or null when none is selected. */
  seq: number | null;
  /** Bumps when the run has new events, so a live job is read again. */
  version: number;
  /** A finished run (no worker left): a retry asks first. */
  finished?: boolean;
}

export const INSPECTOR_EMPTY_TEXT = 'Click a job in the lanes, the dead-letter table or the event log.';

export function JobInspector({ api, runId, seq, version, finished = false }: JobInspectorProps): ReactElement {
  const details = useJobDetails(api, runId, seq, version);
  const heading = useRef<HTMLHeadingElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (seq !== null && !wasOpen.current) heading.current?.focus();
    wasOpen.current = seq !== null;
  }, [seq]);
  if (seq === null) {
    return (
      <div className="ql-inspector ql-empty">
        <p>{INSPECTOR_EMPTY_TEXT}</p>
      </div>
    );
  }
  const { job, attempts, story, attemptsFrom, scanning, error } = details;
  return (
    <div className="ql-inspector" aria-busy={scanning}>
      <h3 className="ql-inspector-title" ref={heading} tabIndex={-1}>
        Job {seq} {job && <StateBadge state={job.state} />}
      </h3>
      {error && (
        <p role="alert" className="ql-error">
          Cannot read job {seq}: {error}
        </p>
      )}
      {job && <DeadJobActions key={seq} api={api} runId={runId} job={job} finished={finished} />}
      {job && (
        <AttemptsTable
          seq={seq}
          attempts={attempts}
          source={attemptsFrom}
          scanning={scanning}
          attemptBase={job.attemptBase}
        />
      )}
      {job && <JobFields job={job} />}
      {job && story.length > 0 && (
        <section className="ql-story" aria-label={`Lease and recovery of job ${seq}`}>
          <h4>Lease and recovery</h4>
          <ol>
            {story.map((e) => (
              <li key={e.seq}>
                <span className="ql-num">{fmtSeconds(e.t)}</span> <strong>{STORY_LABELS[e.kind] ?? e.kind}</strong>
                {e.worker && <> by {e.worker}</>}
                {e.to && (
                  <>
                    {' '}
                    <span aria-hidden="true">→</span>
                    <span className="ql-sr-only">to</span> <StateBadge state={e.to} />
                  </>
                )}
                {e.detail && <div className="ql-detail">{e.detail}</div>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

function JobFields({ job }: { job: JobInfo }): ReactElement {
  const rows: [string, string][] = [
    ['Queue', job.queue],
    ['Type', job.type],
    ['Priority', String(job.priority)],
    ['Attempts', `${job.attempts} of ${job.maxAttempts}${job.attemptBase > 0 ? ` in this round (${job.attemptBase} before the retry by hand)` : ''}`],
    ['Enqueued', fmtSeconds(job.enqueuedAt)],
    ['Due', fmtSeconds(job.dueAt)],
    ['First claimed', fmtSeconds(job.firstClaimedAt)],
    ['Finished', fmtSeconds(job.finishedAt)],
    ['Lease owner', job.leaseOwner ?? NONE],
    ['Lease expires', fmtSeconds(job.leaseExpiresAt)],
    ['Heartbeat', fmtSeconds(job.heartbeatAt)],
    ['Progress', fmtPercent(job.progress)],
    ['Parent job', job.parentId === null ? NONE : String(job.parentId)],
    ['Batch', job.batchId === null ? NONE : String(job.batchId)],
  ];
  if (job.idempotencyKey !== null) rows.push(['Idempotency key', job.idempotencyKey]);
  if (job.completions > 1) rows.push(['Completions', `${job.completions} (done more than once: an unsafe claim)`]);
  return (
    <>
      <dl className="ql-fields">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {job.lastError !== null && (
        <p className="ql-last-error">
          <strong>Last error:</strong> {job.lastError}
        </p>
      )}
      {job.cancelReason !== null && (
        <p className="ql-last-error">
          <strong>Cancelled:</strong> {job.cancelReason}
        </p>
      )}
    </>
  );
}
