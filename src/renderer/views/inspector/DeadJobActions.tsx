// Retry and Forget for the dead job open in the inspector, the same actions
// as its row in the dead-letter table. In a finished run a retry first says
// that no worker will run the job (RetryConfirm). After an action focus rests
// on the line that says what happened, never on another job's button.
import { useRef, useState, type ReactElement } from 'react';
import type { JobInfo, LabApi } from '../../../shared/lab-api/lab-api.ts';
import { RetryConfirm } from '../dead-letters/RetryConfirm.tsx';
import { announceStoreChange } from '../dead-letters/store-changes.ts';

export interface DeadJobActionsProps {
  api: LabApi;
  runId: string;
  job: JobInfo;
  finished: boolean;
}

export function DeadJobActions({ api, runId, job, finished }: DeadJobActionsProps): ReactElement {
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const act = async (work: () => Promise<unknown>, done: string): Promise<void> => {
    setConfirming(false);
    statusRef.current?.focus();
    try {
      await work();
      setStatus({ text: done, error: false });
    } catch (error) {
      setStatus({ text: (error as Error).message ?? String(error), error: true });
    } finally {
      announceStoreChange(runId);
      statusRef.current?.focus();
    }
  };
  const retry = (): Promise<void> => act(() => api.retryDead({ runId, jobId: job.jobId }), `Job ${job.seq} retried: back to pending with a fresh set of attempts.`);
  const forget = (): Promise<void> => act(() => api.forgetDead({ runId, jobId: job.jobId }), `Job ${job.seq} forgotten: cancelled, its errors kept in the event log.`);
  return (
    <div className="ql-job-actions">
      {job.state === 'dead' && (
        <div className="ql-toolbar" role="toolbar" aria-label={`Actions on job ${job.seq}`}>
          <button type="button" className="ql-button" onClick={() => (finished ? setConfirming(true) : void retry())}>
            Retry
          </button>
          <button type="button" className="ql-button" onClick={() => void forget()}>
            Forget
          </button>
        </div>
      )}
      {confirming && <RetryConfirm what={`job ${job.seq}`} onConfirm={() => void retry()} onCancel={() => setConfirming(false)} />}
      <p ref={statusRef} tabIndex={-1} className={`ql-status${status?.error ? ' ql-error' : ''}`} role="status">
        {status?.text ?? ''}
      </p>
    </div>
  );
}
