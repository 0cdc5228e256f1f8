// Stored runs the compare view and the theory panel load: the run with its
// scenario (getRun) and its timeline (getTimeline, about 1.5 s for a
// 100k-job run), each fetched once per run id. A finished run never
// changes, so the cache keeps it; a run still going is fetched fresh.
import type { LabApi, RunDetail } from '../../../shared/lab-api/lab-api.ts';
import { RunTimeline } from '../../../shared/timeline/index.ts';

/** Enough runs for a few comparisons; the oldest is dropped first. */
const MAX_CACHED = 12;

const details = new Map<string, Promise<RunDetail>>();
const timelines = new Map<string, Promise<RunTimeline>>();

function remember<T>(cache: Map<string, Promise<T>>, id: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(id);
  if (hit) return hit;
  const loading = load();
  cache.set(id, loading);
  // A failed load is forgotten, so the next look tries again.
  loading.catch(() => cache.delete(id));
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return loading;
}

export function loadRunDetail(api: LabApi, id: string): Promise<RunDetail> {
  return remember(details, id, async () => {
    const detail = await api.getRun({ id });
    if (detail.status === 'running') queueMicrotask(() => details.delete(id));
    return detail;
  });
}

export function loadRunTimeline(api: LabApi, id: string, finished: boolean): Promise<RunTimeline> {
  const load = async (): Promise<RunTimeline> => RunTimeline.fromSnapshot(await api.getTimeline({ runId: id }));
  return finished ? remember(timelines, id, load) : load();
}

/** For tests: start from an empty cache. */
export function clearComparedRunCache(): void {
  details.clear();
  timelines.clear();
}
