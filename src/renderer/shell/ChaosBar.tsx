// The instructor's chaos bar, pinned under the header while live mode is
// chosen or a live run is on: every fault one click (and one key) away, the
// run's own switches, and the host's answer to the last press. Disabled, with
// the reason, when there is no live run to act on.
import type { ReactElement } from 'react';
import { useChaosKit } from '../state/chaos-kit-store.ts';
import { useChaosLog } from '../state/chaos-log-store.ts';
import { useRun } from '../state/run-store.ts';
import { actionLabel, CHAOS_ACTIONS, chaosTarget, fireAction, toggleUnsafeClaim, UNSAFE_CLAIM_KEY } from './chaos-kit.ts';

export function ChaosBar(): ReactElement {
  const live = useRun((s) => s.phase === 'live');
  const runId = useRun((s) => s.runId);
  // Chaos reaches the host's own workers (w1, w2, ...): ones that joined from other machines
  // (queue-lab worker --name laptop: laptop-1, ...) run there and are out of its reach.
  const workerNames = useRun((s) => s.timeline.workers().join('\n'));
  const names = workerNames === '' ? [] : workerNames.split('\n');
  const workerCount = names.filter(isHostWorker).length;
  const joined = names.filter((n) => !isHostWorker(n));
  const joinedNote = live && joined.length > 0
    ? `Chaos reaches this host's own workers (w1..w${workerCount}) only: ${joined.join(', ')} joined from another machine (queue-lab worker) and run there; stop them there with Ctrl-C.`
    : null;
  const jobTypes = useRun((s) => s.jobTypes);
  const services = useRun((s) => s.services);
  const { worker, setWorker, service: chosen, setService } = useChaosKit();
  const target = chaosTarget(jobTypes, services, chosen);
  // A capacity drop needs a service: runs whose jobs call none do not show it.
  const actions = CHAOS_ACTIONS.filter((a) => !a.perService || services.length > 0);
  const unsafe = useChaosKit((s) => runId !== null && s.unsafeClaim[runId] === true);
  const latest = useChaosLog((s) => s.entries[0]);
  const why = live ? undefined : 'Chaos acts on a live run: choose mode live and press Run';
  return (
    <section className="chaos-bar" aria-labelledby="chaos-heading" id="chaos">
      <h2 id="chaos-heading">Chaos</h2>
      {!live && <p className="muted chaos-hint">Start a live run (mode: live, then Run) to fire faults by hand.</p>}
      <label className="field-inline">
        Worker
        <select value={worker} onChange={(e) => setWorker(Number(e.target.value))} disabled={!live} title={joinedNote ?? undefined}>
          {Array.from({ length: Math.max(workerCount, 1) }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>{`w${n}`}</option>
          ))}
        </select>
      </label>
      {joinedNote && (
        <span className="muted chaos-joined" data-testid="chaos-joined-note" title={joinedNote}>
          {`+${joined.length} joined (${joined.slice(0, 2).join(', ')}${joined.length > 2 ? ', ...' : ''}): out of reach`}
        </span>
      )}
      {services.length > 1 && (
        <label className="field-inline">
          Service
          <select value={target.service} onChange={(e) => setService(e.target.value)} disabled={!live}>
            {services.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </label>
      )}
      <div className="chaos-buttons">
        {actions.map((a) => (
          <button
            key={a.id}
            type="button"
            disabled={!live || a.params(worker, target) === null}
            title={why ?? `${a.title} (key ${a.key})`}
            aria-keyshortcuts={a.key}
            onClick={() => fireAction(a, worker)}
          >
            {actionLabel(a, worker, target.service)} <kbd aria-hidden="true">{a.key}</kbd>
          </button>
        ))}
        <button
          type="button"
          aria-pressed={unsafe}
          disabled={!live}
          aria-keyshortcuts={UNSAFE_CLAIM_KEY}
          title={why ?? `This run's claim: read then update, so two workers can take one job (key ${UNSAFE_CLAIM_KEY})`}
          onClick={toggleUnsafeClaim}
        >
          Unsafe claim {unsafe ? 'on' : 'off'} <kbd aria-hidden="true">{UNSAFE_CLAIM_KEY}</kbd>
        </button>
      </div>
      <p className={`chaos-result${latest && !latest.ok ? ' error-text' : ''}`} role="status" aria-label="Chaos result">
        {latest?.text ?? ''}
      </p>
    </section>
  );
}

/** The host names its own workers w1, w2, ...; a joined worker is NAME-1, NAME-2, ... */
function isHostWorker(name: string): boolean {
  return /^w\d+$/.test(name);
}
