// The lab's keys, chosen so an instructor's presentation clicker (which
// sends plain keys) can drive a demo. Ignored while typing in a field.
import { useEffect } from 'react';
import { fireChaos } from '../api/chaos-actions.ts';
import { useConnection } from '../state/connection-store.ts';
import { usePrefs } from '../state/prefs-store.ts';
import { useRun } from '../state/run-store.ts';
import { useChaosLog } from '../state/chaos-log-store.ts';
import { step, togglePlay } from './playback-commands.ts';

export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: 'Space', does: 'Play / pause' },
  { keys: '.', does: 'Step: pause and move on 1 s' },
  { keys: 'p', does: 'Presentation mode on / off' },
  { keys: '1 – 9', does: 'Live run: kill worker N' },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  // Buttons, selects and the slider keep Space for themselves.
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || tag === 'BUTTON' || tag === 'SUMMARY' || target.isContentEditable;
}

function killWorker(n: number): void {
  const api = useConnection.getState().api;
  if (!api || useRun.getState().phase !== 'live') return;
  void fireChaos(api, { action: 'kill', worker: n })
    .then((r) => useChaosLog.getState().log(`kill w${n}: ${r.detail}`, r.ok))
    .catch((e: unknown) => useChaosLog.getState().log(`kill w${n}: ${e instanceof Error ? e.message : String(e)}`, false));
}

export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === ' ') {
        e.preventDefault();
        togglePlay();
      } else if (e.key === '.') step();
      else if (e.key === 'p' || e.key === 'P') usePrefs.getState().togglePresentation();
      else if (/^[1-9]$/.test(e.key)) killWorker(Number(e.key));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
