// The centre column: the flow board and the worker lanes, always in view,
// then the tabs. Timeline views get the run's timeline, its version and the
// cursor; job clicks go to the shared selection.
import type { ReactElement } from 'react';
import { FlowBoard } from '../views/flow-board/FlowBoard.tsx';
import { WorkerLanes } from '../views/worker-lanes/WorkerLanes.tsx';
import { usePlayback } from '../state/playback-store.ts';
import { useRun } from '../state/run-store.ts';
import { useSelection } from '../state/selection-store.ts';
import { CentreTabs } from './CentreTabs.tsx';
import { RunStatusBanner } from './RunStatusBanner.tsx';

export function RunStage(): ReactElement {
  const timeline = useRun((s) => s.timeline);
  const version = useRun((s) => s.version);
  const cursor = usePlayback((s) => s.cursor);
  const { selectedJob, selectJob } = useSelection();
  const viewProps = { timeline, version, cursor, selectedJob, onSelectJob: selectJob };
  return (
    <main className="stage" aria-label="Run">
      <RunStatusBanner />
      <div className="stage-board">
        <FlowBoard {...viewProps} />
      </div>
      <div className="stage-lanes">
        <WorkerLanes {...viewProps} />
      </div>
      <CentreTabs />
    </main>
  );
}
