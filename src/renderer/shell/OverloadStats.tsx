// The Stats panel's overload block (issue 13): the run's verdict (did goodput
// come back after the trigger?) and what the downstream services did. Whole-
// run figures from the summary, so shown once the run has one. The sentences
// are the report's (src/shared/overload/verdict-text.ts).
import type { ReactElement } from 'react';
import type { RunSummary } from '../../shared/metrics/run-summary.ts';
import { refusedSentence, verdictSentence, VERDICT_LABEL } from '../../shared/overload/verdict-text.ts';
import { formatCount, formatNumber, formatPercent } from './format.ts';
import { Stat } from './Stat.tsx';

/** Nothing for a run with no services and no trigger. */
export function OverloadStats(props: { summary: RunSummary | null }): ReactElement | null {
  const v = props.summary?.verdict;
  const d = props.summary?.downstream;
  if (!d && (!v || v.kind === 'none')) return null;
  const refused = d ? refusedSentence(d) : null;
  return (
    <div className="overload" aria-label="Overload">
      {v && (
        <>
          <h3>
            Verdict <span className={`verdict-badge verdict-${v.kind}`} data-verdict={v.kind}>{VERDICT_LABEL[v.kind]}</span>
          </h3>
          <p className="verdict-line" title={`Rule: ${v.rule}`}>{verdictSentence(v)}</p>
        </>
      )}
      {d && (
        <dl className="stat-grid downstream">
          <Stat label="Service calls" value={formatCount(d.calls)} hint="calls that reached a service, every layer" />
          <Stat label="Calls per job" value={formatNumber(d.amplification)} unit="×" hint="amplification: service calls / jobs (per service in the report)" />
          <Stat label="Wasted calls" value={formatCount(d.wasted)} hint="calls whose caller gave up before the answer: the service worked on them anyway" />
          <Stat label="Utilization" value={formatPercent(d.utilization)} unit="%" hint="busy slot-seconds / all slot-seconds of the run" />
        </dl>
      )}
      {refused && <p className="muted refused-line">{refused}</p>}
    </div>
  );
}
