// The lab's keys, chosen so an instructor's presentation clicker (which
// sends plain keys) can drive a demo. Ignored while typing in a field.
import { useEffect } from 'react';
import { fireChaos } from '../api/chaos-actions.ts';
import { useConnection } from '../state/connection-store.ts';
import { usePrefs } from '../state/prefs-store.ts';
import { useRun } from '../state/run-store.ts';
import { step, togglePlay } from './playback-commands.ts';

export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: 'Space', does: 'Play / pause' },
  { keys: '.', does: 'Step: pause and move on 1 s' },
  { keys: 'p', does: 'Presentation mode on / off' },
  { keys: '1 – 9', does: 'Live run: kill worker N' },
];

/** Typing in a field: no shortcut may steal the key. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button', 'file'].includes(target.type);
}

/** Controls that Space activates themselves (a focused Run button must not also toggle playback). */
function ownsSpace(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'BUTTON' || target.tagName === 'SUMMARY' || target.tagName === 'INPUT' || target.tagName === 'A');
}

function killWorker(n: number): void {
  const api = useConnection.getState().api;
  if (!api || useRun.getState().phase !== 'live') return;
  void fireChaos(api, { action: 'kill', worker: n }, `kill w${n}`);
}

export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTextEntry(e.target)) return;
      if (e.key === ' ') {
        if (ownsSpace(e.target)) return;
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
