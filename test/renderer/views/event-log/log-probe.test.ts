import { describe, expect, it } from 'vitest';
import { headSeq, lastSeqAtOrBefore } from '../../../../src/renderer/views/event-log/log-probe.ts';
import { fakeEventsApi, makeEvents } from '../fake-events-api.ts';

describe('log probe', () => {
  it('finds the end of a 500k-event log in a few dozen one-event reads', async () => {
    const api = fakeEventsApi(makeEvents(500_000));
    expect(await headSeq(api, 'r')).toBe(500_000);
    expect(api.calls).toBeLessThan(60);
    api.calls = 0;
    expect(await headSeq(api, 'r', 500_000)).toBe(500_000);
    expect(api.calls).toBe(1);
  });

  it('finds the last event at or before a time, and handles the edges', async () => {
    const api = fakeEventsApi(makeEvents(10_000));
    expect(await lastSeqAtOrBefore(api, 'r', 123.45)).toBe(1234);
    expect(await lastSeqAtOrBefore(api, 'r', 0.01)).toBe(0);
    expect(await lastSeqAtOrBefore(api, 'r', 1e9)).toBe(10_000);
    expect(await headSeq(fakeEventsApi([]), 'r')).toBe(0);
  });
});
