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
import { LessonLine } from './NoticeCard.tsx';
import { RunStatusBanner } from './RunStatusBanner.tsx';

export function RunStage(): ReactElement {
  const timeline = useRun((s) => s.timeline);
  const version = useRun((s) => s.version);
  const cursor = usePlayback((s) => s.cursor);
  const { selectedJob, selectJob } = useSelection();
  const viewProps = { timeline, version, cursor, selectedJob, onSelectJob: selectJob };
  return (
    <main className="stage" aria-label="Run">
      {/* In presentation the board and lanes fill the column (layout.css); the tabs wait below. */}
      <div className="stage-focus">
        <RunStatusBanner />
        <LessonLine />
        {/* Skip-link targets: focusable by script only. */}
        <div className="stage-board" id="board" tabIndex={-1}>
          <FlowBoard {...viewProps} />
        </div>
        <div className="stage-lanes">
          <WorkerLanes {...viewProps} />
        </div>
      </div>
      <CentreTabs />
    </main>
  );
}
