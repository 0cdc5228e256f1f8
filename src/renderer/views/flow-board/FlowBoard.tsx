import type { ReactElement } from 'react';
import type { TimelineViewProps } from '../../../shared/timeline/view-props.ts';

export function FlowBoard(props: TimelineViewProps): ReactElement {
  return <section role="region" aria-label="Flow board" data-version={props.version} />;
}
