// Helpers of the sweep form: the keys of the scenario a sweep can vary (its
// number and yes/no leaves, as `--vary` paths), and a typed value list read
// the way `queue-lab sweep --vary` reads one.
import type { SweepValue } from '../../../shared/sweep/sweep-shapes.ts';

const MAX_SUGGESTIONS = 80;

/** `workers.count`, `producers[0].arrival.rate`, ...: the leaves a sweep usually varies. */
export function variableKeys(scenario: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (out.length >= MAX_SUGGESTIONS) return;
    if (typeof node === 'number' || typeof node === 'boolean') {
      if (path !== 'seed') out.push(path);
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key);
    }
  };
  walk(scenario, '');
  return out;
}

/** "1, 2, 4" -> [1, 2, 4]; "none,full" -> ['none', 'full']; an error names what is wrong. */
export function parseValues(text: string): { ok: true; values: SweepValue[] } | { ok: false; message: string } {
  const raw = text.split(',').map((v) => v.trim());
  if (raw.length === 1 && raw[0] === '') return { ok: false, message: 'give at least one value, e.g. 1, 2, 4' };
  if (raw.some((v) => v === '')) return { ok: false, message: 'an empty value in the list (two commas in a row?)' };
  const values = raw.map((v): SweepValue => {
    if (v === 'true' || v === 'false') return v === 'true';
    const n = Number(v);
    return Number.isFinite(n) ? n : v;
  });
  if (new Set(values).size !== values.length) return { ok: false, message: 'a value is listed twice' };
  return { ok: true, values };
}
