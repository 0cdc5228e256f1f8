// The lab's keys, chosen so an instructor's presentation clicker (which
// sends plain keys) can drive a demo. Ignored while typing in a field.
import { useEffect } from 'react';
import { usePrefs } from '../state/prefs-store.ts';
import { CHAOS_ACTIONS, fireAction, toggleUnsafeClaim, UNSAFE_CLAIM_KEY } from './chaos-kit.ts';
import { closeTopmost } from './escape-stack.ts';
import { step, togglePlay } from './playback-commands.ts';

export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: 'Space', does: 'Play / pause' },
  { keys: '.', does: 'Step: pause and move on 1 s' },
  { keys: 'p', does: 'Presentation mode on / off' },
  { keys: 'Esc', does: 'Close the open popover or drawer' },
  { keys: '1 – 9', does: 'Live run: kill worker N' },
  ...CHAOS_ACTIONS.map((a) => ({ keys: a.key, does: `Live run: ${a.label.toLowerCase()}${a.perWorker ? ' (the worker chosen in the chaos bar)' : a.perService ? ' (the service chosen in the chaos bar)' : ''}` })),
  { keys: UNSAFE_CLAIM_KEY, does: 'Live run: unsafe claim on / off' },
];

const CHAOS_BY_KEY = new Map(CHAOS_ACTIONS.map((a) => [a.key, a]));

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


export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // Escape works everywhere, fields included: it closes, it never types.
      if (e.key === 'Escape') {
        if (closeTopmost()) e.preventDefault();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTextEntry(e.target)) return;
      if (e.key === ' ') {
        if (ownsSpace(e.target)) return;
        e.preventDefault();
        togglePlay();
      } else if (e.key === '.') step();
      else if (e.key === 'p' || e.key === 'P') usePrefs.getState().togglePresentation();
      else if (/^[1-9]$/.test(e.key)) fireAction(CHAOS_ACTIONS[0]!, Number(e.key));
      else if (e.key === UNSAFE_CLAIM_KEY) toggleUnsafeClaim();
      else {
        const action = CHAOS_BY_KEY.get(e.key);
        if (action) fireAction(action);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
