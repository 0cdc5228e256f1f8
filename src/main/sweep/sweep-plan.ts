// What a sweep runs: every combination of the --vary values, each with every
// seed. A vary names a key of the resolved scenario by its path
// (workers.count, retry.jitter, producers[0].arrival.rate); each combination
// is validated as a whole, so `workers.count=0` fails with the same message
// `validate` would give, naming the combination.
import type { Scenario } from '../../shared/scenario/schema.ts';
import { validateScenario } from '../../shared/scenario/validate.ts';

export interface Vary {
  path: string;
  /** The path split into keys and array indexes. */
  keys: (string | number)[];
  values: (string | number | boolean)[];
}

export interface SweepTask {
  /** Position in the plan: combination-major, then seed. */
  index: number;
  combination: number;
  /** The varied values of this combination, by path. */
  values: Record<string, string | number | boolean>;
  seed: number;
  scenario: Scenario;
}

export class SweepPlanError extends Error {}

export const MAX_SWEEP_RUNS = 10_000;

/** `workers.count=1,2,4` -> a Vary; values that read as numbers or booleans become them. */
export function parseVary(spec: string): Vary {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new SweepPlanError(`--vary "${spec}": expected PATH=V1,V2,... (e.g. workers.count=1,2,4)`);
  const path = spec.slice(0, eq).trim();
  const keys = varyPathKeys(path, `--vary "${spec}"`);
  const raw = spec.slice(eq + 1).split(',').map((v) => v.trim());
  if (raw.some((v) => v === '')) throw new SweepPlanError(`--vary "${spec}": empty value in the list`);
  const values = raw.map((v): string | number | boolean => {
    if (v === 'true' || v === 'false') return v === 'true';
    const n = Number(v);
    return Number.isFinite(n) ? n : v;
  });
  return { path, keys, values };
}

/** `producers[0].arrival.rate` -> ['producers', 0, 'arrival', 'rate']; `where` starts the error message. */
export function varyPathKeys(path: string, where: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([A-Za-z_][\w-]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new SweepPlanError(`${where}: "${part}" is not a key (keys are names, optionally with [index])`);
    keys.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(idx[1]));
  }
  return keys;
}

export function planSweep(base: Scenario, varies: readonly Vary[], seeds: number): SweepTask[] {
  const paths = new Set<string>();
  for (const v of varies) {
    if (paths.has(v.path)) throw new SweepPlanError(`--vary ${v.path} is given twice; list all its values in one --vary`);
    paths.add(v.path);
    if (v.path === 'seed') throw new SweepPlanError('--vary seed: use --seeds N (runs seeds base, base + 1, ...)');
  }
  const combos = varies.reduce<Record<string, string | number | boolean>[]>(
    (acc, v) => acc.flatMap((c) => v.values.map((value) => ({ ...c, [v.path]: value }))),
    [{}],
  );
  if (combos.length * seeds > MAX_SWEEP_RUNS) {
    throw new SweepPlanError(`the sweep has ${combos.length} combinations x ${seeds} seeds = ${combos.length * seeds} runs; the limit is ${MAX_SWEEP_RUNS}`);
  }
  const tasks: SweepTask[] = [];
  combos.forEach((values, combination) => {
    const input = structuredClone(base) as unknown as Record<string, unknown>;
    for (const v of varies) setPath(input, v, values[v.path]!);
    const checked = validateScenario(input);
    if (!checked.ok) {
      const where = Object.entries(values).map(([k, x]) => `${k}=${String(x)}`).join(', ');
      throw new SweepPlanError(`combination ${where}:\n${checked.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    }
    for (let s = 0; s < seeds; s++) {
      const seed = base.seed + s;
      tasks.push({ index: tasks.length, combination, values, seed, scenario: { ...checked.scenario, seed } });
    }
  });
  return tasks;
}

function setPath(root: Record<string, unknown>, v: Vary, value: string | number | boolean): void {
  let node: unknown = root;
  v.keys.forEach((key, i) => {
    const last = i === v.keys.length - 1;
    const where = v.keys.slice(0, i + 1).join('.');
    if (typeof key === 'number') {
      if (!Array.isArray(node) || key >= node.length) throw new SweepPlanError(`--vary ${v.path}: ${where} does not exist in the scenario`);
    } else if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      throw new SweepPlanError(`--vary ${v.path}: ${where} is not inside an object`);
    }
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[key] = value;
      return;
    }
    // A key the resolved scenario leaves out (an optional section) is created, and validation judges it.
    if (container[key] === undefined && typeof key === 'string') container[key] = typeof v.keys[i + 1] === 'number' ? [] : {};
    node = container[key];
  });
}
