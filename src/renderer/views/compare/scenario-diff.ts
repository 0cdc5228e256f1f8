// Which scenario keys differ between the compared runs, as dotted paths
// ("retry.jitter: none -> full"). A subtree present in one run and missing
// in another is one difference at its root, not one per leaf, so adding a
// fault reads as one line. The scenario's name, text and seed are left out:
// the seed is compared on its own (same seed = same draws).

export interface ScenarioDifference {
  /** Dotted path, with [i] for array items: producers[0].arrival.rate. */
  path: string;
  /** The value in each run, formatted; "(none)" where a run lacks the key. */
  values: string[];
}

const IGNORED_TOP_KEYS = new Set(['name', 'description', 'notice', 'seed']);

type Plain = Record<string, unknown>;

function isPlainObject(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** A value as one short line: strings bare, objects as { key: value } without quotes. */
export function formatSpecValue(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${v.map(formatSpecValue).join(', ')}]`;
  if (isPlainObject(v)) {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, x]) => `${k}: ${formatSpecValue(x)}`).join(', ')} }`;
  }
  return String(v);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function diffAt(path: string, values: readonly unknown[], out: ScenarioDifference[]): void {
  if (values.every((v) => sameValue(v, values[0]))) return;
  if (values.every(isPlainObject)) {
    const keys = [...new Set(values.flatMap((v) => Object.keys(v)))];
    for (const key of keys) {
      if (path === '' && IGNORED_TOP_KEYS.has(key)) continue;
      diffAt(join(path, key), values.map((v) => v[key]), out);
    }
    return;
  }
  if (values.every(Array.isArray)) {
    const length = Math.max(...values.map((v) => v.length));
    for (let i = 0; i < length; i++) diffAt(`${path}[${i}]`, values.map((v) => v[i]), out);
    return;
  }
  out.push({ path, values: values.map(formatSpecValue) });
}

/** The differences between the runs' scenarios, in key order of the first run that has each key. */
export function diffScenarios(specs: readonly unknown[]): ScenarioDifference[] {
  const out: ScenarioDifference[] = [];
  if (specs.length >= 2) diffAt('', specs.map((s) => (isPlainObject(s) ? s : {})), out);
  return out;
}

/** A value cut to `max` characters, with an ellipsis, so one added fault does not fill the screen. */
export function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** Characters of one value in a diff line. */
export const DIFF_VALUE_LENGTH = 48;

/** "retry.jitter: none -> full" for two runs; "workers.count: 1 / 2 / 4" for more. Long values are cut. */
export function describeDifference(d: ScenarioDifference): string {
  const values = d.values.map((v) => shortened(v, DIFF_VALUE_LENGTH));
  return `${d.path}: ${values.join(values.length === 2 ? ' -> ' : ' / ')}`;
}
