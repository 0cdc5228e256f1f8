// Keyboard shortcuts, one click (or '?') away. A native <details> keeps it
// keyboard and screen-reader friendly without focus-trapping code.
import type { ReactElement } from 'react';
import { SHORTCUTS } from './keyboard-shortcuts.ts';

export function HelpPopover(): ReactElement {
  return (
    <details className="help-popover">
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
