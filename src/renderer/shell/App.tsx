// The main window (UI.md): header with the run controls; library, history
// and chaos on the left; the run in the centre; what to notice, the
// inspector and the stats on the right; the timeline along the bottom.
import { useEffect, type ReactElement } from 'react';
import { useLiveValidation } from '../editor/use-live-validation.ts';
import { usePrefs } from '../state/prefs-store.ts';
import { useRun } from '../state/run-store.ts';
import { ChaosPanel } from './ChaosPanel.tsx';
import { Header } from './Header.tsx';
import { useKeyboardShortcuts } from './keyboard-shortcuts.ts';
import { LibraryPanel } from './LibraryPanel.tsx';
import { NoticeCard } from './NoticeCard.tsx';
import { RunHistoryPanel } from './RunHistoryPanel.tsx';
import { RunStage } from './RunStage.tsx';
import { InspectorView } from './run-views.tsx';
import { StatsPanel } from './StatsPanel.tsx';
import { TimelineSlider } from './TimelineSlider.tsx';
import { usePlaybackClock } from './use-playback-clock.ts';

function useDocumentPrefs(): void {
  const theme = usePrefs((s) => s.theme);
  const presentation = usePrefs((s) => s.presentation);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.classList.toggle('presentation', presentation);
  }, [theme, presentation]);
}

export function App(): ReactElement {
  useDocumentPrefs();
  useKeyboardShortcuts();
  usePlaybackClock();
  useLiveValidation();
  const live = useRun((s) => s.phase === 'live');
  return (
    <div className={live ? 'app is-live' : 'app'}>
      <Header />
      <nav className="left-column" aria-label="Scenarios and runs">
        <LibraryPanel />
        {live && <ChaosPanel />}
        <RunHistoryPanel />
        {!live && <ChaosPanel />}
      </nav>
      <RunStage />
      {/* Focusable so keyboard users can scroll it even when it holds no control (axe: scrollable-region-focusable). */}
      <aside className="right-column" aria-label="Details" tabIndex={0}>
        <NoticeCard />
        <section className="panel inspector" aria-labelledby="inspector-heading">
          <h2 id="inspector-heading">Inspector</h2>
          <InspectorView />
        </section>
        <StatsPanel />
      </aside>
      <TimelineSlider />
    </div>
  );
}
