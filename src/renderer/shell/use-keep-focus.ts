// Keeps keyboard focus inside a row of controls when the focused one goes
// away: Run is disabled while its run starts, Stop turns into Skip to end.
// The browser would drop focus to the page body (the next Tab starts from the
// top of the page); instead it moves to the first usable control of the row,
// as soon as there is one.
import { useEffect, useRef, type RefObject } from 'react';

function gone(el: HTMLElement): boolean {
  return !el.isConnected || (el as HTMLButtonElement).disabled === true;
}

export function useKeepFocus(row: RefObject<HTMLElement | null>): void {
  const last = useRef<HTMLElement | null>(null);
  /** The focused control went away and focus has not been put back yet. */
  const lost = useRef(false);
  useEffect(() => {
    const el = row.current;
    if (!el) return;
    const onFocusIn = (e: FocusEvent): void => {
      last.current = e.target as HTMLElement;
    };
    el.addEventListener('focusin', onFocusIn);
    return () => el.removeEventListener('focusin', onFocusIn);
  }, [row]);
  // After every render: the render is what disables or swaps a button.
  useEffect(() => {
    const was = last.current;
    if (!was) return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== was) {
      // The user moved on: nothing to keep.
      last.current = null;
      lost.current = false;
      return;
    }
    if (gone(was)) lost.current = true;
    if (!lost.current) return;
    // Back to the same control once it is usable again, else the row's first usable one.
    const target = gone(was) ? row.current?.querySelector<HTMLElement>('button:not(:disabled)') : was;
    target?.focus();
    if (target && document.activeElement === target) lost.current = false;
  });
}
