// Chaos for a live run: the faults an instructor fires by hand. Disabled,
// with the reason, whenever there is no live run to act on.
import { useState, type ReactElement } from 'react';
import { chaosActionAvailable, fireChaos, type ChaosAction } from '../api/chaos-actions.ts';
import { useChaosLog } from '../state/chaos-log-store.ts';
import { useConnection } from '../state/connection-store.ts';
import { useRun } from '../state/run-store.ts';
import { errorText } from '../state/run-actions.ts';

interface ChaosButton {
  action: ChaosAction;
  label: string;
  title: string;
  params: (worker: number) => Record<string, unknown>;
  perWorker?: boolean;
}

const BUTTONS: readonly ChaosButton[] = [
  { action: 'kill', label: 'Kill', title: 'SIGKILL the worker mid-job (keys 1-9)', params: (worker) => ({ worker }), perWorker: true },
  { action: 'hang', label: 'Hang', title: 'The worker stops heartbeating; its lease expires', params: (worker) => ({ worker, seconds: null }), perWorker: true },
  { action: 'slow', label: 'Slow ×5', title: 'Attempts on this worker take 5 times longer', params: (worker) => ({ worker, factor: 5 }), perWorker: true },
  { action: 'add_worker', label: 'Add worker', title: 'One more worker process', params: () => ({}) },
  { action: 'remove_worker', label: 'Remove worker', title: 'Stop the selected worker gracefully', params: (worker) => ({ worker }), perWorker: true },
  { action: 'outage', label: 'Outage 20 s', title: 'The downstream fails every call for 20 scenario seconds', params: () => ({ seconds: 20 }) },
  { action: 'poison', label: 'Poison job', title: 'Enqueue one job that always fails', params: () => ({}) },
  { action: 'lock_contention', label: 'Lock contention 10 s', title: 'The host holds SQLite’s write lock on and off', params: () => ({ seconds: 10 }) },
];

export function ChaosPanel(): ReactElement {
  const api = useConnection((s) => s.api);
  const live = useRun((s) => s.phase === 'live');
  const workerCount = useRun((s) => Math.max(1, s.timeline.workers().length));
  const [worker, setWorker] = useState(1);
  const [unsafe, setUnsafe] = useState(false);
  const { entries, log } = useChaosLog();
  const fire = async (action: ChaosAction, params: Record<string, unknown>, label: string): Promise<void> => {
    if (!api) return;
    try {
      const result = await fireChaos(api, { action, ...params });
      log(`${label}: ${result.detail}`, result.ok);
    } catch (error) {
      log(`${label}: ${errorText(error)}`, false);
    }
  };
  const why = live ? undefined : 'Chaos acts on a live run: choose mode live and press Run';
  return (
    <section className="panel chaos" aria-labelledby="chaos-heading">
      <h2 id="chaos-heading">Chaos</h2>
      {!live && <p className="muted">Start a live run to fire faults by hand.</p>}
      <label className="field-inline">
        Worker
        <select value={worker} onChange={(e) => setWorker(Number(e.target.value))} disabled={!live}>
          {Array.from({ length: Math.max(workerCount, 9) }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>{`w${n}`}</option>
          ))}
        </select>
      </label>
      <div className="chaos-buttons">
        {BUTTONS.map((b) => {
          const available = chaosActionAvailable(b.action);
          const label = b.perWorker ? `${b.label} w${worker}` : b.label;
          return (
            <button
              key={b.action}
              type="button"
              disabled={!live || !available}
              title={available ? (why ?? b.title) : 'This lab host does not offer this fault yet'}
              onClick={() => void fire(b.action, b.params(worker), label)}
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
            void fire('unsafe_claim', { on: !unsafe }, `unsafe claim ${unsafe ? 'off' : 'on'}`);
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
