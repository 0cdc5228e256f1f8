// One figure of the Stats panel: a label, a big fixed-width value and its unit.
import type { ReactElement, ReactNode } from 'react';

export function Stat(props: { label: ReactNode; value: string; unit?: string; hint?: string }): ReactElement {
  return (
    <div className="stat" title={props.hint}>
      <dt>{props.label}</dt>
      <dd>
        <span className="stat-value num">{props.value}</span>
        {props.unit && <span className="stat-unit">{props.unit}</span>}
      </dd>
    </div>
  );
}
