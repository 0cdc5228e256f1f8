// The numbers a student quotes: the seeds' /stats keys at the cursor, then
// throughput, processing time, success rate, Little's law and Erlang C for the run.
// Big, fixed-width digits with units, so nothing jitters while it plays.
import type { ReactElement } from 'react';
import type { JobState } from '../../shared/job/states.ts';
import { usePlayback } from '../state/playback-store.ts';
import { useRun } from '../state/run-store.ts';
import { STATE_COLORS, STATE_GLYPHS, STATE_LABELS } from '../theme/state-colors.ts';
import { OpenRunTheory } from '../views/theory/OpenRunTheory.tsx';
import { OverloadStats } from './OverloadStats.tsx';
import { Stat } from './Stat.tsx';
import { formatCount, formatNumber, formatPercent } from './format.ts';
import { statsAt } from './stats-model.ts';

const STATE_TILES: readonly JobState[] = ['pending', 'retrying', 'processing', 'succeeded', 'dead'];

export function StatsPanel(): ReactElement {
  const run = useRun();
  const cursor = usePlayback((s) => s.cursor);
  const hasRun = run.runId !== null && run.phase !== 'starting';
  const stats = statsAt(run.timeline, run.summary, cursor);
  return (
    <section className="panel stats" aria-labelledby="stats-heading">
      <h2 id="stats-heading">Stats</h2>
      {!hasRun && <p className="muted">Numbers appear when a run starts: press Run, or reopen a run from the history.</p>}
      <dl className="stat-grid states">
        {STATE_TILES.map((state) => (
          <Stat
            key={state}
            label={
              <>
                <span className="state-swatch" style={{ background: STATE_COLORS[state] }} aria-hidden="true">
                  {STATE_GLYPHS[state]}
                </span>
                {STATE_LABELS[state]}
              </>
            }
            value={hasRun ? formatCount(stats.counts[state] + (state === 'pending' ? stats.counts.scheduled : 0)) : '–'}
            unit="jobs"
            hint={state === 'pending' ? 'pending + scheduled (waiting to run)' : undefined}
          />
        ))}
        <Stat label="Avg attempts" value={hasRun ? formatNumber(stats.avgAttempts) : '–'} unit="per job" hint="attempts per finished job (succeeded or dead)" />
      </dl>
      <dl className="stat-grid rates">
        <Stat label="Throughput" value={hasRun ? formatNumber(stats.jobsPerSecond) : '–'} unit="jobs/s" hint="succeeded jobs per scenario second so far" />
        <Stat label="Mean processing" value={hasRun ? formatNumber(stats.meanProcessing) : '–'} unit="s" hint="whole run" />
        <Stat label="Success rate" value={hasRun ? formatPercent(stats.successRate) : '–'} unit="%" hint="succeeded / (succeeded + dead)" />
      </dl>
      <dl className="stat-grid integrity">
        <Stat
          label="Duplicates"
          value={run.summary ? formatCount(run.summary.duplicates) : '–'}
          unit="jobs"
          hint="jobs completed more than once (an unsafe claim lets two workers take one job); counted when the run ends"
        />
        <Stat label="Lost" value={run.summary ? formatCount(run.summary.lost) : '–'} unit="jobs" hint="jobs that ended in no final state; counted when the run ends" />
      </dl>
      {hasRun && <OverloadStats summary={run.summary} />}
      <div className="littles" aria-label="Little's law">
        <h3>Little’s law <span className="muted">(whole run)</span></h3>
        {stats.littles ? (
          <p className="num littles-line">
            L = {formatNumber(stats.littles.L)} <span className="muted">vs</span> λ·W = {formatNumber(stats.littles.lambda)} × {formatNumber(stats.littles.W)} ={' '}
            {formatNumber(stats.littles.lambda_W)} <span className="stat-unit">jobs</span>
          </p>
        ) : (
          <p className="muted">Shown when the run is finished: average jobs in the system (L) against arrival rate × time in system (λ·W).</p>
        )}
      </div>
      {hasRun && <OpenRunTheory />}
    </section>
  );
}
