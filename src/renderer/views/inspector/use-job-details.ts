// Loads what the inspector shows for one job: its row, its attempts and the
// events that tell its lease and recovery story. Attempts come from the
// host's attempts table when the LabApi offers listAttempts, else they are
// rebuilt from the job's events.
import { useEffect, useRef, useState } from 'react';
import type { LabEvent } from '../../../shared/events.ts';
import { FINAL_STATES } from '../../../shared/job/states.ts';
import type { JobInfo, LabApi } from '../../../shared/lab-api/lab-api.ts';
import { attemptFromRow, attemptsFromEvents, STORY_KINDS, type AttemptView } from './job-attempts.ts';
import { JobEventScanner } from './job-event-scan.ts';
import { useThrottledValue } from './use-throttled-value.ts';
import { useStoreChanges } from '../dead-letters/store-changes.ts';

export interface JobDetails {
  job: JobInfo | null;
  attempts: AttemptView[];
  /** The job's events that are not plain claims and completions. */
  story: LabEvent[];
  attemptsFrom: 'attempts table' | 'event log';
  /** True while the event log is still being read. */
  scanning: boolean;
  error: string | null;
}

const EMPTY: JobDetails = { job: null, attempts: [], story: [], attemptsFrom: 'event log', scanning: false, error: null };

type ListAttempts = (params: { runId: string; seq: number }) => Promise<unknown>;

/** listAttempts is new in the LabApi; an older host (or transport) may not have it. */
function listAttemptsOf(api: LabApi): ListAttempts | null {
  const fn = (api as unknown as { listAttempts?: unknown }).listAttempts;
  return typeof fn === 'function' ? (fn.bind(api) as ListAttempts) : null;
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  const list = Array.isArray(result) ? result : (result as { attempts?: unknown } | null)?.attempts;
  return Array.isArray(list) ? list.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null) : [];
}

/** A succeeded or cancelled job has no later events; a dead one may still be retried by hand. */
function stopAfter(job: JobInfo): number | null {
  return FINAL_STATES.has(job.state) && job.state !== 'dead' ? (job.finishedAt ?? null) : null;
}

export function useJobDetails(api: LabApi, runId: string, seq: number | null, version: number): JobDetails {
  const [details, setDetails] = useState<JobDetails>(EMPTY);
  const scanner = useRef<{ key: string; scanner: JobEventScanner } | null>(null);
  const tick = useThrottledValue(version, 400);
  const actions = useStoreChanges(runId);

  useEffect(() => {
    if (seq === null) {
      setDetails(EMPTY);
      return;
    }
    let cancelled = false;
    const isCancelled = () => cancelled;
    const key = `${runId}\u0000${seq}`;
    if (scanner.current?.key !== key) {
      scanner.current = null;
      setDetails({ ...EMPTY, scanning: true });
    }
    void (async () => {
      try {
        const job = await api.getJob({ runId, seq });
        if (cancelled) return;
        const listAttempts = listAttemptsOf(api);
        const tableRows = listAttempts ? rowsOf(await listAttempts({ runId, seq })) : null;
        if (cancelled) return;
        const current = scanner.current?.key === key ? scanner.current.scanner : new JobEventScanner(api, runId, seq, job.enqueuedAt);
        scanner.current = { key, scanner: current };
        const show = (scanning: boolean) =>
          setDetails({
            job,
            attempts: tableRows ? tableRows.map(attemptFromRow) : attemptsFromEvents(current.events),
            story: current.events.filter((e) => STORY_KINDS.has(e.kind)),
            attemptsFrom: tableRows ? 'attempts table' : 'event log',
            scanning,
            error: null,
          });
        show(true);
        await current.scan(stopAfter(job), isCancelled);
        if (!cancelled) show(false);
      } catch (error) {
        if (!cancelled) setDetails({ ...EMPTY, error: (error as Error).message });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, runId, seq, tick, actions]);

  return details;
}
