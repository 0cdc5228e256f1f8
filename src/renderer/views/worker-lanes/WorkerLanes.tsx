import type { ReactElement } from 'react';
import type { TimelineViewProps } from '../../../shared/timeline/view-props.ts';

export function WorkerLanes(props: TimelineViewProps): ReactElement {
  return <section role="region" aria-label="Worker lanes" data-version={props.version} />;
}
