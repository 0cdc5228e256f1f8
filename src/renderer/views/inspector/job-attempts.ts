// A job's attempts as the inspector shows them, from either source: the
// host's attempts table (listAttempts, when the host offers it) or the job's
// own events (always there, so older hosts still get an attempt list).
// Plain TypeScript, no React, so tests can drive it.
import type { LabEvent } from '../../../shared/events.ts';
import { ATTEMPT_OUTCOMES, type AttemptOutcome } from '../../../shared/job/states.ts';

export interface AttemptView {
  /** 1-based over the job's whole life (a retry from the dead-letter table keeps counting). */
  attempt: number;
  worker: string | null;
  startedAt: number | null;
  endedAt: number | null;
  /** null while the attempt is still running. */
  outcome: AttemptOutcome | null;
  error: string | null;
  /** How the wait before the next attempt was chosen, e.g. "1 s x 2^2 = 4 s, full jitter -> 2.71 s". */
  backoffFormula: string | null;
  /** The wait actually chosen, in scenario seconds. */
  backoffDelay: number | null;
}

const OUTCOMES: ReadonlySet<string> = new Set(ATTEMPT_OUTCOMES);

/** "timeout: took 31 s; retry in <formula>" -> its parts; text the engine did not write in this shape stays whole in `error`. */
export function parseFailureDetail(detail: string | null): { outcome: AttemptOutcome | null; error: string | null; formula: string | null } {
  if (detail === null) return { outcome: null, error: null, formula: null };
  let rest = detail;
  let formula: string | null = null;
  const retryAt = rest.lastIndexOf('; retry in ');
  if (retryAt >= 0) {
    formula = rest.slice(retryAt + '; retry in '.length);
    rest = rest.slice(0, retryAt);
  }
  let outcome: AttemptOutcome | null = null;
  const colon = rest.indexOf(': ');
  if (colon > 0 && OUTCOMES.has(rest.slice(0, colon))) {
    outcome = rest.slice(0, colon) as AttemptOutcome;
    rest = rest.slice(colon + 2);
  }
  // The dead event appends "(attempt 5 of 5)": the count is shown elsewhere.
  rest = rest.replace(/ \(attempt \d+ of \d+\)$/, '');
  return { outcome, error: rest === '' ? null : rest, formula };
}

/** The delay in seconds at the end of a formula ("... -> 2.71 s"), or null. */
export function delayOfFormula(formula: string | null): number | null {
  const m = formula === null ? null : /-> ([0-9.]+) s/.exec(formula);
  return m ? Number(m[1]) : null;
}

/**
 * Rebuilds the attempts from one job's events (seq order). A claim opens an
 * attempt; the worker's succeeded / failed / dead / lease_lost, or a recovery
 * (lease expired), closes it. Under an unsafe claim two workers hold the job
 * at once, so open attempts are kept per worker.
 */
export function attemptsFromEvents(events: readonly LabEvent[]): AttemptView[] {
  const attempts: AttemptView[] = [];
  const open = new Map<string, AttemptView>();
  const close = (worker: string | null): AttemptView | undefined => {
    if (worker !== null && open.has(worker)) {
      const a = open.get(worker)!;
      open.delete(worker);
      return a;
    }
    // A recovery names the lease owner, but an older host may not: take the oldest open one.
    const first = open.entries().next();
    if (first.done) return undefined;
    open.delete(first.value[0]);
    return first.value[1];
  };
  for (const e of events) {
    switch (e.kind) {
      case 'claimed': {
        const a: AttemptView = {
          attempt: attempts.length + 1, worker: e.worker, startedAt: e.t, endedAt: null,
          outcome: null, error: null, backoffFormula: null, backoffDelay: null,
        };
        attempts.push(a);
        open.set(e.worker ?? `?${a.attempt}`, a);
        break;
      }
      case 'succeeded':
      case 'completed_again': {
        const a = close(e.worker);
        if (a) Object.assign(a, { endedAt: e.t, outcome: 'succeeded' });
        break;
      }
      case 'failed':
      case 'dead':
      case 'recovered':
      case 'lease_lost': {
        const a = close(e.worker);
        if (!a) break;
        const parsed = parseFailureDetail(e.detail);
        const fallback: AttemptOutcome = e.kind === 'recovered' ? (e.detail?.startsWith('worker crashed') ? 'crashed' : 'lost') : 'failed';
        Object.assign(a, {
          endedAt: e.t,
          outcome: parsed.outcome ?? fallback,
          error: parsed.error,
          backoffFormula: parsed.formula,
          backoffDelay: delayOfFormula(parsed.formula),
        });
        break;
      }
      default:
        break;
    }
  }
  return attempts;
}

/** Events that tell the lease and recovery story (and the hand actions on the dead-letter table). */
export const STORY_KINDS: ReadonlySet<LabEvent['kind']> = new Set([
  'enqueued', 'due', 'recovered', 'lease_lost', 'completed_again', 'retried_from_dead', 'cancelled', 'dead', 'deduplicated',
]);

// ---- the host's attempts table ----

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * One row from listAttempts, whatever the host called its fields (camelCase
 * or the attempts table's snake_case columns): the method is new and its
 * result shape may still grow.
 */
export function attemptFromRow(row: Record<string, unknown>, index: number): AttemptView {
  const pick = (...keys: string[]): unknown => keys.map((k) => row[k]).find((v) => v !== undefined && v !== null);
  const outcome = str(pick('outcome'));
  // The LabApi nests the chosen wait as backoff: { base, delay, formula, kind, jitter, ... }.
  const backoff = typeof row.backoff === 'object' && row.backoff !== null ? (row.backoff as Record<string, unknown>) : {};
  const formula = str(backoff.formula) ?? str(pick('backoffFormula', 'backoff_formula', 'formula'));
  return {
    attempt: num(pick('attempt', 'number')) ?? index + 1,
    worker: str(pick('worker')),
    startedAt: num(pick('startedAt', 'started_at', 'start')),
    endedAt: num(pick('endedAt', 'ended_at', 'end')),
    outcome: outcome !== null && OUTCOMES.has(outcome) ? (outcome as AttemptOutcome) : null,
    error: str(pick('error')),
    backoffFormula: formula,
    backoffDelay: num(backoff.delay) ?? num(pick('backoffDelay', 'backoff_delay', 'delay')) ?? delayOfFormula(formula),
  };
}
