import type { ReactElement } from 'react';
import type { LaneOutcome } from '../../../shared/timeline/index.ts';
import { STATE_COLORS } from '../../theme/state-colors.ts';
import { OUTCOME_COLORS, OUTCOME_LABELS } from './lane-colors.ts';

const SHOWN: readonly LaneOutcome[] = ['running', 'succeeded', 'failed', 'timeout', 'crashed', 'lost'];

/** What bar colours and marks mean, in words (colour is never the only cue). */
export function LanesLegend(): ReactElement {
  return (
    <ul className="ql-lanes-legend" aria-label="Lane legend">
      {SHOWN.map((o) => (
        <li key={o}><span className="ql-lanes-swatch" style={{ background: OUTCOME_COLORS[o], opacity: o === 'lost' ? 0.5 : 1 }} />{OUTCOME_LABELS[o]}</li>
      ))}
      <li><span style={{ color: STATE_COLORS.dead }}>✕</span> crash</li>
      <li><span style={{ color: STATE_COLORS.succeeded }}>↻</span> restart</li>
      <li><span style={{ color: STATE_COLORS.succeeded }}>+</span> added</li>
      <li title="a worker from another machine or process: queue-lab worker --run"><span style={{ color: STATE_COLORS.succeeded }}>⇥</span> joined</li>
      <li>‖ hung</li>
      <li>♻ recycled</li>
    </ul>
  );
}
