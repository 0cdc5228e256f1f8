// How a fault is drawn, decided once for the lanes, the charts and the
// report: a fault that happens at an instant (a kill, a poison job, an added
// worker) is a marker, a line and an icon; a fault that lasts (an outage, a
// slow worker, unsafe claims switched on) is a band with a start and an end.
// A lasting fault whose end was never written (switched on until the run
// ended) ends at the end of the run. Labels get rows so they never print on
// top of each other.
import type { FaultSpan } from './types.ts';

export type FaultMark =
  | { kind: 'instant'; label: string; t: number; icon: string }
  | { kind: 'window'; label: string; start: number; end: number; icon: string; /** No end was written: it lasted to the end of the run. */ toEnd: boolean };

/** Chaos and scenario faults that last until switched off or until their window ends. */
const LASTING = /^(outage|capacity|slow|lockContention|unsafeClaim on)/;

const ICONS: [RegExp, string][] = [
  [/^kill|crash/i, '✕'],
  [/^hang/i, '‖'],
  [/^poison/i, '☠'],
  [/^add worker/i, '+'],
  [/^remove/i, '−'],
  [/^outage/i, '⚡'],
  [/^capacity/i, '▼'],
  [/^unsafeClaim/i, '⇄'],
  [/^slow/i, '∿'],
];

function iconOf(label: string): string {
  return ICONS.find(([re]) => re.test(label))?.[1] ?? '⚠';
}

/** A label without the "(chaos)" suffix every hand-fired fault has: the icon and the band say it already. */
export function shortFaultLabel(label: string): string {
  return label.replace(/\s*\(chaos\)/, '');
}

export function faultMarks(spans: readonly FaultSpan[], runEnd: number): FaultMark[] {
  return spans.map((f): FaultMark => {
    const label = shortFaultLabel(f.label);
    const icon = iconOf(label);
    if (f.end !== null) return { kind: 'window', label, start: f.start, end: Math.max(f.start, f.end), icon, toEnd: false };
    if (LASTING.test(label)) return { kind: 'window', label, start: f.start, end: Math.max(f.start, runEnd), icon, toEnd: true };
    return { kind: 'instant', label, t: f.start, icon };
  });
}

/** Where a mark's label starts, in scenario seconds. */
export function markStart(m: FaultMark): number {
  return m.kind === 'instant' ? m.t : m.start;
}

/**
 * A row for each label (0 = top) so that no two overlap: labels are laid
 * left to right, each in the first row whose last label ends before it
 * starts. `x` maps scenario seconds to pixels, `width` a label to its width.
 */
export function labelRows(marks: readonly FaultMark[], x: (t: number) => number, width: (label: string) => number, gap = 6): number[] {
  const order = marks.map((m, i) => i).sort((a, b) => markStart(marks[a]!) - markStart(marks[b]!));
  const rowEnds: number[] = [];
  const rows = new Array<number>(marks.length).fill(0);
  for (const i of order) {
    const m = marks[i]!;
    const left = x(markStart(m));
    const text = `${m.icon} ${m.label}`;
    let row = rowEnds.findIndex((end) => end + gap <= left);
    if (row < 0) row = rowEnds.push(-Infinity) - 1;
    rowEnds[row] = left + width(text);
    rows[i] = row;
  }
  return rows;
}
