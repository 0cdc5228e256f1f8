// A poison job fired by hand (the chaos "inject a poison job" button): a job
// whose payload marks it as one that no handler can process, so every
// attempt fails and it ends in the dead-letter table, whatever the seed says.
// The marker travels in the payload because the worker sees nothing else of
// a job enqueued while the run is going.

export const POISON_PILL_PAYLOAD = '{"queueLab":"poison pill"}';

export const POISON_PILL_ERROR = 'poison message: the handler throws on this payload every time';

export function isPoisonPill(payload: string | null): boolean {
  return payload === POISON_PILL_PAYLOAD;
}
