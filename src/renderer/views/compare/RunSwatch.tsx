import type { ReactElement } from 'react';
import type { RunStyle } from './run-styles.ts';

/** The run's line as drawn in the charts: its colour and dash pattern. */
export function RunSwatch({ style }: { style: RunStyle }): ReactElement {
  return (
    <svg width="28" height="10" aria-hidden="true" className="compare-swatch">
      <line x1="1" x2="27" y1="5" y2="5" stroke={style.color} strokeWidth="3" strokeDasharray={style.dash} />
    </svg>
  );
}
