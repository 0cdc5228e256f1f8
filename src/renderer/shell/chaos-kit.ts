// The chaos actions an instructor fires in a live run, each with one key so a
// presentation clicker (or a keyboard) reaches every one without the mouse.
// The bar and the keyboard shortcuts both read this list: one place decides
// what a key does.
import type { ChaosParams } from '../../shared/lab-api/lab-api.ts';
import { fireChaos } from '../api/chaos-actions.ts';
import { useChaosKit } from '../state/chaos-kit-store.ts';
import { useConnection } from '../state/connection-store.ts';
import { useRun } from '../state/run-store.ts';

export interface ChaosAction {
  id: string;
  label: string;
  /** The key that fires it (shown on the button and in the Keys popover). */
  key: string;
  title: string;
  /** Acts on the worker chosen in the bar. */
  perWorker?: boolean;
  /** Acts on the service chosen in the bar; shown only for a run whose jobs call services. */
  perService?: boolean;
  /** null: not possible for this run (say, no job type to aim an outage at). */
  params(worker: number, target: ChaosTarget): ChaosParams | null;
}

/** What the run offers to aim at: its first job type, the service chosen in the bar. */
export interface ChaosTarget {
  jobType: string | undefined;
  service: string | undefined;
}

const OUTAGE_SECONDS = 20;
/** A capacity drop: a quarter of the slots for 10 scenario seconds, about the built-in metastable trigger. */
const DROP_CAPACITY = 0.25;
const DROP_SECONDS = 10;

export const CHAOS_ACTIONS: readonly ChaosAction[] = [
  { id: 'kill', label: 'Kill', key: 'k', title: 'SIGKILL the worker mid-job (or 1-9: kill worker N)', perWorker: true, params: (worker) => ({ action: 'kill', worker }) },
  { id: 'hang', label: 'Hang', key: 'h', title: 'The worker stops heartbeating; its lease expires', perWorker: true, params: (worker) => ({ action: 'hang', worker, seconds: null }) },
  { id: 'slow', label: 'Slow ×5', key: 's', title: 'Attempts on this worker take 5 times longer', perWorker: true, params: (worker) => ({ action: 'slow', worker, factor: 5 }) },
  { id: 'remove', label: 'Remove', key: 'd', title: 'The worker finishes its job and is not replaced', perWorker: true, params: (worker) => ({ action: 'remove_worker', worker }) },
  { id: 'add', label: 'Add worker', key: 'a', title: 'One more worker process, started now', params: () => ({ action: 'add_worker' }) },
  {
    id: 'outage',
    label: `Outage ${OUTAGE_SECONDS} s`,
    key: 'o',
    title: `Every attempt of the job type fails for ${OUTAGE_SECONDS} scenario seconds`,
    params: (_, { jobType: type }) => (type ? { action: 'outage', type, seconds: OUTAGE_SECONDS } : null),
  },
  {
    id: 'capacity',
    label: `Drop capacity to ${DROP_CAPACITY * 100}% ${DROP_SECONDS} s`,
    key: 'c',
    title: `The service keeps ${DROP_CAPACITY * 100}% of its slots for ${DROP_SECONDS} scenario seconds: calls wait, time out and retry`,
    perService: true,
    params: (_, { service }) => (service ? { action: 'capacity_drop', service, capacity: DROP_CAPACITY, seconds: DROP_SECONDS } : null),
  },
  { id: 'poison', label: 'Poison job', key: 'x', title: 'Enqueue one job that fails every attempt and ends dead', params: (_, { jobType: type }) => ({ action: 'poison', ...(type ? { type } : {}) }) },
  { id: 'lock', label: 'Lock contention 10 s', key: 'l', title: 'The host holds SQLite’s write lock on and off', params: () => ({ action: 'lock_contention', seconds: 10, holdMs: 200 }) },
];

/** The key of the per-run unsafe-claim switch. */
export const UNSAFE_CLAIM_KEY = 'u';

export function actionLabel(action: ChaosAction, worker: number, service: string | undefined): string {
  // "Drop api to 25% 10 s": the service named where the label says capacity.
  if (action.perService) return service === undefined ? action.label : action.label.replace('capacity', service);
  return action.perWorker ? `${action.label} w${worker}` : action.label;
}

/** The run's targets: its first job type, and the service chosen in the bar if the run has it (else its first). */
export function chaosTarget(jobTypes: readonly string[], services: readonly string[], chosen: string | null): ChaosTarget {
  return { jobType: jobTypes[0], service: chosen !== null && services.includes(chosen) ? chosen : services[0] };
}

/** Fires an action on the open live run; false when there is none (or the action does not apply). */
export function fireAction(action: ChaosAction, worker = useChaosKit.getState().worker): boolean {
  const api = useConnection.getState().api;
  const run = useRun.getState();
  const target = chaosTarget(run.jobTypes, run.services, useChaosKit.getState().service);
  const params = action.params(worker, target);
  if (!api || run.phase !== 'live' || !params) return false;
  void fireChaos(api, params, actionLabel(action, worker, target.service));
  return true;
}

export function unsafeClaimOn(runId: string | null): boolean {
  return runId !== null && useChaosKit.getState().unsafeClaim[runId] === true;
}

/** Flips the open live run's unsafe-claim switch. */
export function toggleUnsafeClaim(): boolean {
  const api = useConnection.getState().api;
  const { phase, runId } = useRun.getState();
  if (!api || phase !== 'live' || runId === null) return false;
  const on = !unsafeClaimOn(runId);
  useChaosKit.getState().setUnsafeClaim(runId, on);
  void fireChaos(api, { action: 'unsafe_claim', on }, `unsafe claim ${on ? 'on' : 'off'}`);
  return true;
}
