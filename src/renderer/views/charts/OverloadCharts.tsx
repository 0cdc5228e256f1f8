// The charts of what the run measured on the service side over time (issue
// 13): each service's utilization against its open slots, its calls in
// service and queued, and the callers' defences (retry-budget tokens,
// circuit-breaker state, adaptive throttling's local reject probability).
// All with the trigger band, so a class sees the service stay saturated
// after the trigger ended, or the defence that let it drain.
import { useMemo, type ReactElement } from 'react';
import type { FaultMark } from '../../../shared/timeline/index.ts';
import { BreakerStateChart } from './BreakerStateChart.tsx';
import { LineChart, type LineSeries } from './LineChart.tsx';
import { lineColor, overloadChartData, type NamedPoints } from './overload-chart-data.ts';
import { useOverloadSeries } from './use-overload-series.ts';

const percent = (v: number): string => `${Math.round(v * 100)}%`;

interface OverloadChartsProps {
  width: number;
  xMax: number;
  cursor: number;
  faults: readonly FaultMark[];
}

/** One line per service (or job type), a second metric of it dashed in the same colour. */
function paired(first: NamedPoints[], firstLabel: string, second: NamedPoints[], secondLabel: string, secondStep = false): LineSeries[] {
  const many = first.length > 1;
  const label = (name: string, what: string): string => (many ? `${name} ${what}` : what);
  return first.flatMap((s, i) => {
    const other = second.find((o) => o.label === s.label);
    const out: LineSeries[] = [{ label: label(s.label, firstLabel), color: lineColor(i), points: s.points }];
    if (other) out.push({ label: label(s.label, secondLabel), color: lineColor(i), dash: secondStep ? '2 3' : '6 3', points: other.points });
    return out;
  });
}

const single = (list: NamedPoints[]): LineSeries[] => list.map((s, i) => ({ label: s.label, color: lineColor(i), dash: i === 0 ? undefined : '6 3', points: s.points }));

export function OverloadCharts({ width, xMax, cursor, faults }: OverloadChartsProps): ReactElement | null {
  const { series, loaded, error, live } = useOverloadSeries();
  const data = useMemo(() => overloadChartData(series), [series]);
  if (error) return <p className="ql-chart-empty" role="status">Cannot read the service measures: {error}</p>;
  if (!loaded) return null;
  if (data.services.length === 0 && live) {
    return <p className="ql-chart-empty">Service utilization, queue and defence charts fill in as the live run samples them (about every scenario second).</p>;
  }
  if (data.services.length === 0) {
    return <p className="ql-chart-empty">No service measures were stored for this run (a run stored with store none, or before they were recorded): utilization, queue and defence charts need them.</p>;
  }
  const common = { width, xMax, cursor, faults };
  return (
    <>
      <LineChart
        {...common} title="Service utilization"
        description="busy slot-time as a share of the service's full concurrency, against the slots open (dashed): during the trigger fewer slots are open; a service that stays near 100% after it has ended is still overloaded"
        yLabel="share of the service" formatY={percent} yTop={1} scaleKey="service-utilization"
        series={paired(data.utilization, 'utilization', data.openSlots, 'open slots', true)}
      />
      <LineChart
        {...common} title="Calls at the service: in service and queued"
        description="calls holding a slot and calls waiting for one; a queue that keeps growing after the trigger is the backlog retries keep alive"
        yLabel="calls" step scaleKey="service-queue"
        series={paired(data.inService, 'in service', data.queued, 'queued')}
      />
      {data.budget.length > 0 && (
        <LineChart
          {...common} title="Retry budget: tokens left"
          description="each retry spends tokens (a timeout retry more), each success earns some back, up to the cap; at 0 retries are refused and jobs fail instead"
          yLabel="tokens" step scaleKey="retry-budget" series={single(data.budget)}
        />
      )}
      {data.breakers.length > 0 && <BreakerStateChart lanes={data.breakers} {...common} />}
      {data.throttle.length > 0 && (
        <LineChart
          {...common} title="Adaptive throttling: local reject probability"
          description="max(0, (requests - K x accepts) / (requests + 1)) over the window: the share of calls the client refuses itself while the service accepts little"
          yLabel="reject probability" formatY={percent} yTop={1} scaleKey="throttle" series={single(data.throttle)}
        />
      )}
    </>
  );
}
