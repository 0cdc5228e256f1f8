// The retry-schedule preview under the editor (issue 5): for the chosen job
// type, the delay before each retry (table and chart) and how long a job
// that always fails takes to reach the dead-letter table, before anything
// runs. It follows the validated scenario; while the text has errors it keeps
// the last valid schedule, greyed, and says so.
import { useMemo, useState, type ReactElement } from 'react';
import { useScenario } from '../../state/scenario-store.ts';
import { ScheduleChart } from './ScheduleChart.tsx';
import { previewJobTypes, scheduleView, type ScheduleView } from './schedule-view.ts';
import './schedule-preview.css';

function ScheduleTable({ view }: { view: ScheduleView }): ReactElement {
  return (
    <table className="schedule-table" aria-label={`Retry schedule of ${view.jobType}`}>
      <thead>
        <tr>
          <th scope="col">Retry</th>
          <th scope="col">Base</th>
          <th scope="col">Jitter rule</th>
          <th scope="col">p50</th>
          <th scope="col">p10–p90</th>
          <th scope="col">Waited so far</th>
        </tr>
      </thead>
      <tbody>
        {view.table.map((entry) =>
          entry.kind === 'gap' ? (
            <tr key="gap" className="schedule-gap">
              <td colSpan={6}>… {entry.hidden} more retries (the chart shows every one)</td>
            </tr>
          ) : (
            <tr key={entry.row.retry}>
              <th scope="row" className="num">
                {entry.row.retry}
                <span className="muted"> → attempt {entry.row.attempt}</span>
              </th>
              <td className="num">{entry.row.baseText}</td>
              <td>{entry.row.rule}</td>
              <td className="num">{entry.row.p50Text}</td>
              <td className="num">{entry.row.rangeText}</td>
              <td className="num">{entry.row.waitedText}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

export function SchedulePreview(): ReactElement {
  const scenario = useScenario((s) => s.lastValid);
  const status = useScenario((s) => s.validation.status);
  const [chosen, setChosen] = useState<string | null>(null);
  const types = useMemo(() => (scenario ? previewJobTypes(scenario) : []), [scenario]);
  const jobType = chosen !== null && types.includes(chosen) ? chosen : (types[0] ?? null);
  const view = useMemo(() => (scenario && jobType ? scheduleView(scenario, jobType) : null), [scenario, jobType]);
  const stale = status === 'invalid' || status === 'error';
  return (
    <details className="schedule-preview" open>
      <summary>
        <h3>Retry schedule preview</h3>
        <span className="muted"> — before running, from the retry keys</span>
      </summary>
      {!view ? (
        <p className="muted">The preview appears once the scenario is valid.</p>
      ) : (
        <div className={stale ? 'schedule-body is-stale' : 'schedule-body'} aria-describedby={stale ? 'schedule-stale-note' : undefined}>
          {stale && (
            <p id="schedule-stale-note" className="schedule-stale-note">
              The scenario has errors: this is the schedule of its last valid version.
            </p>
          )}
          <div className="schedule-head">
            {types.length > 1 ? (
              <label className="field-inline">
                Job type
                <select value={view.jobType} onChange={(e) => setChosen(e.target.value)}>
                  {types.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <span>
                Job type <strong>{view.jobType}</strong>
              </span>
            )}
            <span className="schedule-policy">
              {view.policyText}
              {view.ownPolicy && <span className="muted"> (its own retry keys)</span>}
            </span>
          </div>
          <p className="schedule-dead-letter">{view.deadLetterText}</p>
          {view.rows.length === 0 ? (
            <p className="muted">No retries: max attempts is 1, so the first failure goes straight to the dead-letter table.</p>
          ) : (
            <div className="schedule-grid">
              {/* Focusable so a keyboard user can scroll a table wider than the pane (axe: scrollable-region-focusable). */}
              <div className="schedule-table-wrap" tabIndex={0} role="group" aria-label="Retry schedule table">
                <ScheduleTable view={view} />
              </div>
              <ScheduleChart rows={view.rows} />
            </div>
          )}
          <p className="muted schedule-note">
            Delays drawn {view.samples.toLocaleString('en')} times with the scenario’s seed, as a run draws them; the dead-letter time adds
            each attempt’s duration (cut at the job type’s timeout) but no time waiting in the queue.
          </p>
        </div>
      )}
    </details>
  );
}
