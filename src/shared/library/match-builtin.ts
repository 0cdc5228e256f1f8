// Which built-in a stored run was made from: the run keeps its resolved
// scenario (defaults filled in), so a built-in matches when its own resolved
// scenario is the same, seed aside (a run may override the seed). Used to
// reopen a run as its built-in and to put its lesson card in a report.
import { scenarioSchema } from '../scenario/schema.ts';

function withoutSeed(spec: unknown): string {
  const { seed: _seed, ...rest } = (spec ?? {}) as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** The first of `builtins` whose resolved scenario is `spec` (seed aside), with the built-in's own seed. */
export function matchBuiltin<T extends { scenario: unknown }>(spec: unknown, builtins: readonly T[]): { info: T; seed: number } | null {
  if (!spec || typeof spec !== 'object') return null;
  const stored = withoutSeed(spec);
  for (const info of builtins) {
    const resolved = scenarioSchema.safeParse(info.scenario);
    if (resolved.success && withoutSeed(resolved.data) === stored) return { info, seed: resolved.data.seed };
  }
  return null;
}
