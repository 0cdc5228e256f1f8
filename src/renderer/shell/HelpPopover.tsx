// Keyboard shortcuts, one click (or '?') away. A native <details> keeps it
// keyboard and screen-reader friendly without focus-trapping code; Escape
// closes it and puts focus back on its summary.
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { onEscape } from './escape-stack.ts';
import { SHORTCUTS } from './keyboard-shortcuts.ts';

export function HelpPopover(): ReactElement {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    return onEscape(() => {
      const details = ref.current;
      if (!details) return;
      details.open = false;
      details.querySelector('summary')?.focus();
    });
  }, [open]);
  return (
    <details ref={ref} className="help-popover" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Keys</summary>
      <div className="help-body" role="note" aria-label="Keyboard shortcuts">
        <table>
          <caption>Keyboard shortcuts</caption>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <th scope="row">
                  <kbd>{s.keys}</kbd>
                </th>
                <td>{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
