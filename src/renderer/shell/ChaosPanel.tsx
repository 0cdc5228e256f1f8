// Chaos for a live run: the faults an instructor fires by hand. Disabled,
// with the reason, whenever there is no live run to act on.
import { useState, type ReactElement } from 'react';
import type { ChaosParams } from '../../shared/lab-api/lab-api.ts';
import { fireChaos } from '../api/chaos-actions.ts';
import { useChaosLog } from '../state/chaos-log-store.ts';
import { useConnection } from '../state/connection-store.ts';
import { useRun } from '../state/run-store.ts';

interface ChaosButton {
  label: string;
  title: string;
  /** null: not possible for this run (say, no job type to aim an outage at). */
  params: (worker: number, jobType: string | undefined) => ChaosParams | null;
  perWorker?: boolean;
}

const OUTAGE_SECONDS = 20;

const BUTTONS: readonly ChaosButton[] = [
  { label: 'Kill', title: 'SIGKILL the worker mid-job (keys 1-9)', params: (worker) => ({ action: 'kill', worker }), perWorker: true },
  { label: 'Hang', title: 'The worker stops heartbeating; its lease expires', params: (worker) => ({ action: 'hang', worker, seconds: null }), perWorker: true },
  { label: 'Slow ×5', title: 'Attempts on this worker take 5 times longer', params: (worker) => ({ action: 'slow', worker, factor: 5 }), perWorker: true },
  { label: 'Remove', title: 'The worker finishes its job and is not replaced', params: (worker) => ({ action: 'remove_worker', worker }), perWorker: true },
  { label: 'Add worker', title: 'One more worker process, started now', params: () => ({ action: 'add_worker' }) },
  {
    label: `Outage ${OUTAGE_SECONDS} s`,
    title: 'Every attempt of the job type fails for 20 scenario seconds',
    params: (_, type) => (type ? { action: 'outage', type, seconds: OUTAGE_SECONDS } : null),
  },
  { label: 'Poison job', title: 'Enqueue one job that fails every attempt and ends dead', params: (_, type) => ({ action: 'poison', ...(type ? { type } : {}) }) },
  { label: 'Lock contention 10 s', title: 'The host holds SQLite’s write lock on and off', params: () => ({ action: 'lock_contention', seconds: 10, holdMs: 200 }) },
];

export function ChaosPanel(): ReactElement {
  const api = useConnection((s) => s.api);
  const live = useRun((s) => s.phase === 'live');
  const workerCount = useRun((s) => s.timeline.workers().length);
  const jobType = useRun((s) => s.jobTypes[0]);
  const [worker, setWorker] = useState(1);
  const [unsafe, setUnsafe] = useState(false);
  const entries = useChaosLog((s) => s.entries);
  const why = live ? undefined : 'Chaos acts on a live run: choose mode live and press Run';
  return (
    <section className="panel chaos" aria-labelledby="chaos-heading">
      <h2 id="chaos-heading">Chaos</h2>
      {!live && <p className="muted">Start a live run (mode: live, then Run) to fire faults by hand.</p>}
      <label className="field-inline">
        Worker
        <select value={worker} onChange={(e) => setWorker(Number(e.target.value))} disabled={!live}>
          {Array.from({ length: Math.max(workerCount, 1) }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>{`w${n}`}</option>
          ))}
        </select>
      </label>
      <div className="chaos-buttons">
        {BUTTONS.map((b) => {
          const params = b.params(worker, jobType);
          const label = b.perWorker ? `${b.label} w${worker}` : b.label;
          return (
            <button
              key={b.label}
              type="button"
              disabled={!live || params === null}
              title={why ?? b.title}
              onClick={() => api && params && void fireChaos(api, params, label)}
            >
              {label}
            </button>
          );
        })}
        <button
          type="button"
          aria-pressed={unsafe}
          disabled={!live}
          title={why ?? 'Read-then-update claim: two workers can take one job'}
          onClick={() => {
            setUnsafe(!unsafe);
            if (api) void fireChaos(api, { action: 'unsafe_claim', on: !unsafe }, `unsafe claim ${unsafe ? 'off' : 'on'}`);
          }}
        >
          Unsafe claim {unsafe ? 'on' : 'off'}
        </button>
      </div>
      {entries.length > 0 && (
        <ul className="chaos-log" aria-live="polite" aria-label="Chaos results">
          {entries.map((e) => (
            <li key={e.id} className={e.ok ? '' : 'error-text'}>
              {e.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
