// Retrying a dead job in a finished run: no worker is left to run it, so the
// retry would only park it in Pending in the stored run. Say so plainly and
// let the user choose, instead of changing the stored run without a word.
import type { ReactElement } from 'react';

export interface RetryConfirmProps {
  /** "job 12" or "all 22 dead jobs". */
  what: string;
  onConfirm(): void;
  onCancel(): void;
}

export function RetryConfirm({ what, onConfirm, onCancel }: RetryConfirmProps): ReactElement {
  return (
    <div className="ql-confirm" role="group" aria-label="Confirm retry">
      <span>
        This run is finished: no worker will run {what}. A retry moves it back to Pending in the stored run, where it stays. To watch a retry
        happen, run the scenario in live mode and retry there.
      </span>
      <button type="button" className="ql-button" autoFocus onClick={onConfirm}>
        Move {what} to Pending
      </button>
      <button type="button" className="ql-button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
