import type { ReactElement } from 'react';
import type { TimelineViewProps } from '../../../shared/timeline/view-props.ts';

export function Charts(props: TimelineViewProps): ReactElement {
  return <section role="region" aria-label="Charts" data-version={props.version} />;
}
