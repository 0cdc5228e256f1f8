// The downstream-service charts, shown only when the run's jobs call a
// service: offered load against goodput with the trigger marked (the
// metastable lesson: goodput stays down after the band ends), calls per job
// over time (retries multiply the calls), the attempts holding a worker
// while they wait on the service, then what the run measured at the services
// and in the callers' defences over time (OverloadCharts).
import type { ReactElement } from 'react';
import type { FaultMark } from '../../../shared/timeline/index.ts';
import { STATE_COLORS } from '../../theme/state-colors.ts';
import { LineChart } from './LineChart.tsx';
import { OverloadCharts } from './OverloadCharts.tsx';
import type { Point } from './chart-data.ts';

export interface ServiceChartData {
  enqueued: Point[];
  succeeded: Point[];
  callsPerJob: Point[];
  waiting: Point[];
}

const perSecond = (v: number): string => `${+v.toPrecision(3)}/s`;

export function ServiceCharts({ data, width, xMax, cursor, faults }: { data: ServiceChartData; width: number; xMax: number; cursor: number; faults: readonly FaultMark[] }): ReactElement {
  return (
    <>
      <h3 className="ql-charts-heading">Downstream service</h3>
      <LineChart
        title="Offered load vs goodput around the trigger"
        description="new jobs per second against jobs succeeding per second; the band is the trigger: after it ends, does goodput come back?"
        width={width} xMax={xMax} yLabel="jobs per second" formatY={perSecond} cursor={cursor} faults={faults} scaleKey="service-load"
        series={[
          { label: 'offered (enqueued/s)', color: STATE_COLORS.pending, dash: '6 3', points: data.enqueued },
          { label: 'goodput (succeeded/s)', color: STATE_COLORS.succeeded, points: data.succeeded },
        ]}
      />
      <LineChart
        title="Amplification: calls per job"
        description="attempts started (calls made or refused by a defence) per new job, over time: 1 is no retries; a retry storm drives it up"
        width={width} xMax={xMax} yLabel="calls per job" formatY={(v) => `${+v.toPrecision(3)}×`} cursor={cursor} faults={faults} scaleKey="amplification"
        series={[{ label: 'calls per job', color: STATE_COLORS.retrying, points: data.callsPerJob }]}
      />
      <LineChart
        title="Callers waiting on the service"
        description="attempts in progress: each holds a worker slot until the service answers or the caller times out"
        width={width} xMax={xMax} yLabel="attempts in flight" cursor={cursor} faults={faults} scaleKey="in-flight"
        series={[{ label: 'in flight (processing)', color: STATE_COLORS.processing, points: data.waiting }]}
      />
      <OverloadCharts width={width} xMax={xMax} cursor={cursor} faults={faults} />
    </>
  );
}
