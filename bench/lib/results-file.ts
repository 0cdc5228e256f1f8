// bench/RESULTS.md: each bench script owns one section between
// `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` and rewrites only
// that; a new section goes above the hand-written part.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS = join(fileURLToPath(new URL('..', import.meta.url)), 'RESULTS.md');
const HAND = '<!-- hand-written below -->';

export function writeResultsSection(name: string, lines: string[]): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const section = [start, ...lines, end].join('\n');
  let text = readFileSync(RESULTS, 'utf8');
  const at = text.indexOf(start);
  const until = text.indexOf(end);
  if (at >= 0 && until > at) text = text.slice(0, at) + section + text.slice(until + end.length);
  else {
    const hand = text.indexOf(HAND);
    text = hand >= 0 ? `${text.slice(0, hand)}${section}\n\n${text.slice(hand)}` : `${text.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(RESULTS, text);
}

/** "AMD EPYC, 2 cores, 23.5 GB RAM, Linux 6.x x64; Node v20.20.2" */
export function machineLine(): string {
  return `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${os.type()} ${os.release()} ${os.arch()}; Node ${process.version}`;
}
