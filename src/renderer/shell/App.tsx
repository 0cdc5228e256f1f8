// The main window (UI.md): header with the run controls; the chaos bar pinned
// under it for live mode; library and history on the left (a drawer on narrow
// windows); the run in the centre; what to notice, the inspector and the
// stats on the right; the timeline along the bottom. Layouts: theme/layout.css.
import { useLayoutEffect, type ReactElement } from 'react';
import { useLiveValidation } from '../editor/use-live-validation.ts';
import { usePrefs } from '../state/prefs-store.ts';
import { useRun } from '../state/run-store.ts';
import { useRunSettings } from '../state/run-settings-store.ts';
import { ChaosBar } from './ChaosBar.tsx';
import { Header } from './Header.tsx';
import { useKeyboardShortcuts } from './keyboard-shortcuts.ts';
import { LibraryDrawer } from './LibraryDrawer.tsx';
import { NoticeCard } from './NoticeCard.tsx';
import { RunStage } from './RunStage.tsx';
import { SkipLinks } from './SkipLinks.tsx';
import { InspectorPanel } from './InspectorPanel.tsx';
import { StatsPanel } from './StatsPanel.tsx';
import { TimelineSlider } from './TimelineSlider.tsx';
import { usePlaybackClock } from './use-playback-clock.ts';

function useDocumentPrefs(): void {
  const theme = usePrefs((s) => s.theme);
  const presentation = usePrefs((s) => s.presentation);
  // A layout effect: on <html> before any view's passive effect repaints a canvas with the theme's colours.
  useLayoutEffect(() => {
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
  const liveMode = useRunSettings((s) => s.mode === 'live');
  return (
    <div className={live ? 'app is-live' : 'app'}>
      <SkipLinks />
      <Header />
      {(live || liveMode) && <ChaosBar />}
      <LibraryDrawer />
      <RunStage />
      {/* Focusable so keyboard users can scroll it even when it holds no control (axe: scrollable-region-focusable). */}
      <aside className="right-column" id="details" aria-label="Details" tabIndex={0}>
        <NoticeCard />
        <InspectorPanel />
        <StatsPanel />
      </aside>
      <TimelineSlider />
    </div>
  );
}
