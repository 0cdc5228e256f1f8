// The chaos buttons. Some actions (add_worker, remove_worker, outage,
// poison) are new in the LabApi; which ones this build's contract knows is
// read from the shared schema, so a button the host cannot serve is shown
// disabled with the reason instead of failing when pressed.
import { chaosParamsSchema } from '../../shared/lab-api/lab-api.ts';
import type { LabApi } from '../../shared/lab-api/lab-api.ts';

export type ChaosAction = 'kill' | 'hang' | 'slow' | 'unsafe_claim' | 'lock_contention' | 'add_worker' | 'remove_worker' | 'outage' | 'poison';

function knownActions(): ReadonlySet<string> {
  const actions = new Set<string>();
  for (const option of chaosParamsSchema.options) {
    const literal = option.shape.action as unknown as { value?: unknown; values?: ReadonlySet<unknown> };
    if (typeof literal.value === 'string') actions.add(literal.value);
    for (const v of literal.values ?? []) if (typeof v === 'string') actions.add(v);
  }
  return actions;
}

const KNOWN = knownActions();

export function chaosActionAvailable(action: ChaosAction): boolean {
  return KNOWN.has(action);
}

/** Fires one chaos action; params are checked by the host against the same schema. */
export async function fireChaos(api: LabApi, params: { action: ChaosAction } & Record<string, unknown>): Promise<{ ok: boolean; detail: string }> {
  const chaos = api.chaos as unknown as (p: Record<string, unknown>) => Promise<{ ok: boolean; detail: string }>;
  return chaos(params);
}
