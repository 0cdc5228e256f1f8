import { describe, expect, it } from 'vitest';
import { EventLogSource } from '../../../../src/renderer/views/event-log/event-log-source.ts';
import { fakeEventsApi, makeEvents } from '../fake-events-api.ts';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('EventLogSource', () => {
  it('pages rows in on demand and hides events after the cursor', async () => {
    const events = makeEvents(20_000);
    const api = fakeEventsApi(events);
    const source = new EventLogSource(api, 'r', () => undefined);
    await source.refresh(Infinity);
    expect(source.rowCount).toBe(20_000);
    expect(source.rowAt(15_000)).toBeUndefined();
    await settle();
    expect(source.rowAt(15_000)?.seq).toBe(15_001);
    await source.refresh(50);
    expect(source.rowCount).toBe(500);
  });

  it('filters by job, worker and kind with an incremental scan, and sees new events', async () => {
    const events = makeEvents(12_000, (seq) => (seq % 1000 === 0 ? { kind: 'dead', worker: 'w9' } : {}));
    const api = fakeEventsApi(events);
    const source = new EventLogSource(api, 'r', () => undefined);
    await source.refresh(Infinity);
    source.setFilter({ job: null, worker: 'w9', kind: 'dead' });
    await source.refresh(Infinity);
    expect(source.rowCount).toBe(12);
    expect(source.rowAt(0)?.seq).toBe(1000);
    events.push(...makeEvents(13_000, (seq) => (seq % 1000 === 0 ? { kind: 'dead', worker: 'w9' } : {})).slice(12_000));
    await source.refresh(Infinity);
    expect(source.rowCount).toBe(13);
    source.setFilter({ job: 3, worker: null, kind: null });
    await source.refresh(Infinity);
    expect(source.rowCount).toBe(events.filter((e) => e.job === 3).length);
  });
});
