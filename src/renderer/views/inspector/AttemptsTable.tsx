// A job's attempts, one row each, with a row between two attempts that says
// how long the retry policy made the job wait and how that wait was chosen
// ("1 s x 2^2 = 4 s, full jitter -> 2.71 s").
import { Fragment, type ReactElement } from 'react';
import type { AttemptView } from './job-attempts.ts';
import { fmtSeconds, fmtSpan, NONE } from './format.ts';
import { OutcomeBadge } from './StateBadge.tsx';

export interface AttemptsTableProps {
  seq: number;
  attempts: AttemptView[];
  source: 'attempts table' | 'event log';
  scanning: boolean;
  attemptBase: number;
}

const COLS = 5;

export function AttemptsTable({ seq, attempts, source, scanning, attemptBase }: AttemptsTableProps): ReactElement {
  return (
    <section className="ql-attempts" aria-label={`Attempts of job ${seq}`}>
      <h4>Attempts</h4>
      {attempts.length === 0 ? (
        <p className="ql-muted">{scanning ? 'Reading the event log…' : 'No attempt yet: the job has not been claimed.'}</p>
      ) : (
        <table className="ql-table">
          <caption className="ql-sr-only">Attempts of job {seq}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Worker</th>
              <th scope="col">Started</th>
              <th scope="col">Took</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {attempts.map((a, i) => (
              <Fragment key={a.attempt}>
                <tr>
                  <td className="ql-num">{a.attempt}</td>
                  <td>{a.worker ?? NONE}</td>
                  <td className="ql-num">{fmtSeconds(a.startedAt)}</td>
                  <td className="ql-num">{a.endedAt === null ? 'running' : fmtSpan(a.startedAt, a.endedAt)}</td>
                  <td>
                    <OutcomeBadge outcome={a.outcome} />
                  </td>
                </tr>
                {a.error !== null && (
                  // The error on its own line: the inspector column is narrow and errors are long.
                  <tr className="ql-attempt-error">
                    <td colSpan={COLS}>
                      <span className="ql-sr-only">Error of attempt {a.attempt}: </span>
                      {a.error}
                    </td>
                  </tr>
                )}
                {a.backoffFormula !== null && (
                  <tr className="ql-gap">
                    <td colSpan={COLS}>
                      <span aria-hidden="true">⤷ </span>
                      backoff before attempt {a.attempt + 1}: <code>{a.backoffFormula}</code>
                      {gapText(a, attempts[i + 1])}
                    </td>
                  </tr>
                )}
                {attemptBase > 0 && a.attempt === attemptBase && (
                  <tr className="ql-gap">
                    <td colSpan={COLS}>retried by hand from the dead-letter table: a fresh set of attempts</td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <p className="ql-muted ql-source">
        From the {source}
        {scanning ? ' (still reading…)' : ''}.
      </p>
    </section>
  );
}

/** The chosen delay is when the job became due again; the next claim may come later (every worker busy). */
function gapText(a: AttemptView, next: AttemptView | undefined): string {
  if (!next || next.startedAt === null || a.endedAt === null) return '';
  const waited = next.startedAt - a.endedAt;
  const queued = a.backoffDelay === null ? null : waited - a.backoffDelay;
  return queued !== null && queued > 0.0005
    ? `; claimed again ${fmtSeconds(waited)} later (${fmtSeconds(queued)} of it waiting for a worker)`
    : `; claimed again ${fmtSeconds(waited)} later`;
}
