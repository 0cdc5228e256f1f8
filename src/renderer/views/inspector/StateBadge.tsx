// A job state as every table of these views shows it: the state's colour as
// a swatch with its glyph, and its label, so colour is never the only cue.
// Inline styles are set through the CSSOM by React, which the renderer's CSP
// (style-src 'self') allows.
import type { ReactElement } from 'react';
import type { AttemptOutcome, JobState } from '../../../shared/job/states.ts';
import './common.css';
import { STATE_COLORS, STATE_GLYPHS, STATE_LABELS, STATE_TEXT_ON_FILL } from '../../theme/state-colors.ts';

export function StateBadge({ state }: { state: JobState }): ReactElement {
  return (
    <span className="ql-badge" data-state={state}>
      <span className="ql-swatch" aria-hidden="true" style={{ backgroundColor: STATE_COLORS[state], color: STATE_TEXT_ON_FILL[state] }}>
        {STATE_GLYPHS[state]}
      </span>
      {STATE_LABELS[state]}
    </span>
  );
}

/** An attempt's outcome takes the colour of the state it sends the job towards. */
const OUTCOME_STATE: Record<AttemptOutcome, JobState> = {
  succeeded: 'succeeded',
  failed: 'retrying',
  timeout: 'retrying',
  crashed: 'dead',
  lost: 'dead',
};

export function OutcomeBadge({ outcome }: { outcome: AttemptOutcome | null }): ReactElement {
  if (outcome === null) return <StateBadge state="processing" />;
  const state = OUTCOME_STATE[outcome];
  return (
    <span className="ql-badge" data-outcome={outcome}>
      <span className="ql-swatch" aria-hidden="true" style={{ backgroundColor: STATE_COLORS[state], color: STATE_TEXT_ON_FILL[state] }}>
        {outcome === 'succeeded' ? STATE_GLYPHS.succeeded : '!'}
      </span>
      {outcome}
    </span>
  );
}
