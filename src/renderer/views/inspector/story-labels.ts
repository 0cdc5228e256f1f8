// How the inspector words the events of a job's lease and recovery story.
import type { EventKind } from '../../../shared/events.ts';

export const STORY_LABELS: Partial<Record<EventKind, string>> = {
  enqueued: 'enqueued',
  deduplicated: 'a second enqueue with the same idempotency key',
  due: 'due',
  recovered: 'lease expired, recovered',
  lease_lost: 'finished after losing its lease',
  completed_again: 'completed again (duplicate)',
  retried_from_dead: 'retried from the dead-letter table',
  cancelled: 'cancelled',
  dead: 'moved to the dead-letter table',
};
