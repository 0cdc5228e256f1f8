// A listEvents over an array, counting calls, for the views' data logic.
import type { LabEvent } from '../../../src/shared/events.ts';

export function makeEvents(n: number, at: (seq: number) => Partial<LabEvent> = () => ({})): LabEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    seq: i + 1, t: (i + 1) / 10, job: (i % 7) + 1, kind: 'claimed', from: 'pending', to: 'processing', worker: `w${(i % 3) + 1}`, detail: null,
    ...at(i + 1),
  }));
}

export function fakeEventsApi(events: LabEvent[]) {
  const api = {
    calls: 0,
    async listEvents(p: { runId: string; afterSeq?: number; limit?: number }): Promise<LabEvent[]> {
      api.calls++;
      const after = p.afterSeq ?? 0;
      const start = events.findIndex((e) => e.seq > after);
      return start < 0 ? [] : events.slice(start, start + (p.limit ?? 1000));
    },
  };
  return api;
}
