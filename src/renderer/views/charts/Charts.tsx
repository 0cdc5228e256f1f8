// The run's charts, all on scenario time with the playback cursor and the
// run's faults: queue depth, throughput, latency percentiles, offered load
// vs goodput, retry waves, and the retry-delay histogram.
import { useMemo, type ReactElement } from 'react';
import { faultMarks, type FaultMark, type TimelineViewProps } from '../../../shared/timeline/index.ts';
import { STATE_COLORS } from '../../theme/state-colors.ts';
import { LineChart } from './LineChart.tsx';
import { RetryDelayChart } from './RetryDelayChart.tsx';
import { StackedDepthChart } from './StackedDepthChart.tsx';
import { formatSeconds, mergeFactor, mergeMean, mergePerSpan, type Point } from './chart-data.ts';
import { useChartScale } from './chart-scale-store.ts';
import { useElementWidth } from './use-element-width.ts';
import type { TriggerWindow } from '../../../shared/overload/verdict.ts';
import { ServiceCharts } from './ServiceCharts.tsx';
import { callsPerJob, triggerMark } from './service-chart-data.ts';
import './charts.css';

const perSecond = (v: number): string => `${+v.toPrecision(3)}/s`;

interface ChartsProps extends TimelineViewProps {
  /** The run's jobs call a downstream service: show the service charts. */
  services?: boolean;
  /** The scenario's trigger (its first capacity drop or outage), marked on every chart. */
  trigger?: TriggerWindow | null;
}

export function Charts({ timeline, version, cursor, services = false, trigger = null }: ChartsProps): ReactElement {
  const [ref, fullWidth] = useElementWidth<HTMLDivElement>(800);
  // Two columns when there is room; each chart gets its column's width.
  const columns = fullWidth >= 760 ? 2 : 1;
  const width = Math.floor((fullWidth - 12 * (columns - 1)) / columns) - 2;
  const gridStyle = { gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` };
  const data = useMemo(() => {
    const points = Math.max(60, Math.floor(width / 3));
    const rates = timeline.rateSeries();
    const k = mergeFactor(rates.count, points);
    const rate = (values: Float64Array): Point[] => mergeMean(values, rates.count, rates.width, k);
    // Retries come in bursts at one instant; averaged over a bucket narrower
    // than a second, 400 retries read as 8,000/s. Whole seconds (or wider)
    // make the y value what a lesson quotes: retries in one second.
    const kSecond = Math.max(k, Math.round(1 / rates.width));
    const latency = timeline.latencySeries(mergeFactor(timeline.depthSeries().count, points));
    const lat = (values: Float64Array): Point[] => Array.from(values, (v, i) => ({ t: (i + 0.5) * latency.width, v }));
    const depth = timeline.depthSeries();
    const faultList = faultMarks(timeline.faults(), timeline.endTime);
    const triggerBand = triggerMark(trigger, faultList);
    return {
      depth,
      service: services
        ? {
            enqueued: rate(rates.enqueued), succeeded: rate(rates.succeeded),
            callsPerJob: callsPerJob(rates.started, rates.enqueued, rates.count, rates.width, kSecond),
            waiting: mergeMean(depth.byState.processing, depth.count, depth.width, mergeFactor(depth.count, points)),
          }
        : null,
      enqueued: rate(rates.enqueued), succeeded: rate(rates.succeeded), failed: rate(rates.failed),
      dead: rate(rates.dead), retriesDue: mergePerSpan(rates.retriesDue, rates.count, rates.width, kSecond),
      faults: triggerBand ? [...faultList, triggerBand] : faultList,
      p50: lat(latency.p50), p95: lat(latency.p95), p99: lat(latency.p99),
      histogram: timeline.retryDelayHistogram(40),
      summary: timeline.latencySummary(),
      // version is the dependency that changes when the (same) timeline object grows.
      version,
    };
  }, [timeline, version, width, services, trigger]);
  const xMax = Math.max(timeline.endTime, cursor);
  const { keep, setKeep } = useChartScale();
  const faults = data.faults;

  if (timeline.eventCount === 0) {
    return (
      <section ref={ref} role="region" aria-label="Charts" className="ql-charts">
        <p className="ql-chart-empty">No events yet. Run a scenario (or reopen one from the history) and its charts fill in here.</p>
      </section>
    );
  }
  const p95 = data.summary.total.p95;
  return (
    <section ref={ref} role="region" aria-label="Charts" className="ql-charts" style={gridStyle}>
      <div className="ql-scale-lock">
        <label title="Each chart keeps the largest y axis of the runs shown since, so switching runs keeps the scale">
          <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} /> Keep y scales while switching runs
        </label>
      </div>
      {faults.length > 0 && <FaultLegend faults={faults} />}
      {data.service && <ServiceCharts data={data.service} width={width} xMax={xMax} cursor={cursor} faults={faults} />}
      {data.service && <h3 className="ql-charts-heading">Queue</h3>}
      <StackedDepthChart depth={data.depth} width={width} xMax={xMax} cursor={cursor} faults={faults} />
      <LineChart
        title="Throughput" description="attempts ending per second, by how they ended" width={width} xMax={xMax}
        yLabel="jobs per second" formatY={perSecond} cursor={cursor} faults={faults} scaleKey="throughput"
        series={[
          { label: 'succeeded/s', color: STATE_COLORS.succeeded, points: data.succeeded },
          { label: 'failed, will retry/s', color: STATE_COLORS.retrying, dash: '6 3', points: data.failed },
          { label: 'dead/s', color: STATE_COLORS.dead, dash: '2 3', points: data.dead },
        ]}
      />
      <LineChart
        title="Latency percentiles (time in system)"
        description={`enqueue to a final state, by when jobs finished; p95 over the run ${formatSeconds(p95)}`}
        width={width} xMax={xMax} yLabel="seconds" cursor={cursor} faults={faults} scaleKey="latency" connectGaps
        series={[
          { label: 'p50', color: STATE_COLORS.processing, points: data.p50 },
          { label: 'p95', color: STATE_COLORS.processing, dash: '6 3', points: data.p95 },
          { label: 'p99', color: STATE_COLORS.processing, dash: '2 3', points: data.p99 },
        ]}
      />
      {/* With services the same chart leads, with the trigger: not twice. */}
      {!data.service && (
        <LineChart
          title="Offered load vs goodput" description="new jobs per second against jobs succeeding per second"
          width={width} xMax={xMax} yLabel="jobs per second" formatY={perSecond} cursor={cursor} faults={faults} scaleKey="load"
          series={[
            { label: 'offered (enqueued/s)', color: STATE_COLORS.pending, dash: '6 3', points: data.enqueued },
            { label: 'goodput (succeeded/s)', color: STATE_COLORS.succeeded, points: data.succeeded },
          ]}
        />
      )}
      <LineChart
        title="Retry waves" description={`retries whose backoff ended, counted in each second: synchronized waves show a retry storm; peak ${Math.round(peakOf(data.retriesDue))} retries in one second`}
        width={width} xMax={xMax} yLabel="retries in each second" formatY={perSecond} cursor={cursor} faults={faults} scaleKey="retries"
        series={[{ label: 'retries due/s', color: STATE_COLORS.retrying, points: data.retriesDue }]}
      />
      {data.histogram.total > 0 ? (
        <RetryDelayChart histogram={data.histogram} width={width} />
      ) : (
        <p className="ql-chart-empty">No retries yet: no attempt has failed. Try the “Retry storm” scenarios to see backoff delays.</p>
      )}
    </section>
  );
}

function faultTime(f: FaultMark): string {
  if (f.kind === 'instant') return `at ${formatSeconds(f.t)}`;
  return f.toEnd ? `from ${formatSeconds(f.start)} to the end` : `${formatSeconds(f.start)} to ${formatSeconds(f.end)}`;
}

/** The faults' names, once above the charts (each chart draws only their bands and markers). */
function FaultLegend({ faults }: { faults: readonly FaultMark[] }): ReactElement {
  return (
    <ul className="ql-fault-legend" aria-label="Faults in this run">
      {faults.map((f, i) => (
        <li key={i}>
          <span aria-hidden="true">{f.icon} </span>
          {f.label} ({faultTime(f)}; {f.kind === 'instant' ? 'marker' : 'band'})
        </li>
      ))}
    </ul>
  );
}

function peakOf(points: readonly Point[]): number {
  let m = 0;
  for (const p of points) if (p.v > m) m = p.v;
  return m;
}
