// The inspector's place in the details column. With a job picked it opens as a
// drawer over the whole column (theme/layout.css) with a Close button; Escape
// closes it too and gives focus back to the page's run details.
import { useEffect, type ReactElement } from 'react';
import { useSelection } from '../state/selection-store.ts';
import { onEscape } from './escape-stack.ts';
import { InspectorView } from './run-views.tsx';

export function InspectorPanel(): ReactElement {
  const selected = useSelection((s) => s.selectedJob);
  const selectJob = useSelection((s) => s.selectJob);
  const open = selected !== null;
  useEffect(() => {
    if (!open) return;
    // The drawer covers the column's box from its top: a scrolled column would hide the drawer's head.
    document.getElementById('details')?.scrollTo({ top: 0 });
    return onEscape(() => {
      selectJob(null);
      document.getElementById('run-details')?.focus();
    });
  }, [open, selectJob]);
  return (
    <section className={open ? 'panel inspector is-open' : 'panel inspector'} aria-labelledby="inspector-heading">
      <div className="panel-title-row">
        <h2 id="inspector-heading">Inspector</h2>
        {open && (
          <button type="button" className="small" onClick={() => selectJob(null)} title="Close the inspector (Esc)">
            Close
          </button>
        )}
      </div>
      <InspectorView />
    </section>
  );
}
