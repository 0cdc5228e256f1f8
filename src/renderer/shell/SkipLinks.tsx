// Skip links: the first Tab stops of the page, shown when focused, so a
// keyboard user jumps past the header and the library to what they came for.
import type { MouseEvent, ReactElement } from 'react';

const TARGETS: readonly { id: string; label: string }[] = [
  { id: 'board', label: 'Skip to the flow board' },
  { id: 'run-details', label: 'Skip to the run details tabs' },
  { id: 'details', label: 'Skip to the stats' },
];

/** Moves focus (not just the scroll position) to the target, without touching the URL. */
function jump(e: MouseEvent<HTMLAnchorElement>, id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  e.preventDefault();
  target.focus();
  target.scrollIntoView({ block: 'nearest' });
}

export function SkipLinks(): ReactElement {
  return (
    <nav className="skip-links" aria-label="Skip links">
      {TARGETS.map((t) => (
        <a key={t.id} href={`#${t.id}`} className="skip-link" onClick={(e) => jump(e, t.id)}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}
