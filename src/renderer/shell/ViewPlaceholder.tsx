// Stands in for a view that another part of the UI work has not delivered
// yet, with the region name the finished view will carry.
import type { ReactElement } from 'react';

export function ViewPlaceholder(props: { name: string; what: string }): ReactElement {
  return (
    <section className="view-placeholder" aria-label={props.name}>
      <p className="muted">
        {props.name}: {props.what}
      </p>
    </section>
  );
}
