// The progress bar: stderr only, only on a terminal, only after 1 s, and
// gone when the run ends. Unit tests drive the clock (performance.now, read in
// the constructor and on every update); one real check runs the CLI under a
// pseudo-terminal with util-linux `script`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressBar } from '../../../src/main/cli/progress-bar.ts';
import { BIN, fixture, makeSandbox, REPO } from './cli-helpers.ts';

let now = 0;

function fakeStream() {
  const writes: string[] = [];
  const stream = { write: (chunk: string) => (writes.push(chunk), true) } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

function barAt(start: number, enabled: boolean) {
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  now = start;
  const { stream, writes } = fakeStream();
  return { bar: new ProgressBar(stream, enabled), writes };
}

afterEach(() => vi.restoreAllMocks());

describe('ProgressBar (fake stream, fake clock)', () => {
  it('draws nothing during the first second, then draws a bar with percent and label', () => {
    const { bar, writes } = barAt(5000, true);
    for (const t of [5000, 5300, 5999]) {
      now = t;
      bar.update(10, 100, 'early');
    }
    expect(writes).toEqual([]);
    now = 6000;
    bar.update(50, 100, '50/100 jobs');
    expect(writes).toHaveLength(1);
    const line = writes[0]!;
    expect(line.startsWith('\r[')).toBe(true);
    expect(line).toContain(`[${'='.repeat(15)}${' '.repeat(15)}]`);
    expect(line).toMatch(/ 50%/);
    expect(line).toContain('50/100 jobs');
  });

  it('redraws at most every 100 ms, clamps the share to 0..100%, and clears the line on done()', () => {
    const { bar, writes } = barAt(0, true);
    now = 1000;
    bar.update(0, 0, 'no total yet');
    expect(writes.at(-1)).toMatch(/\s0%/);
    now = 1050;
    bar.update(1, 2, 'too soon');
    expect(writes).toHaveLength(1);
    now = 1100;
    bar.update(300, 200, 'over');
    expect(writes).toHaveLength(2);
    expect(writes.at(-1)).toContain(`[${'='.repeat(30)}]`);
    expect(writes.at(-1)).toMatch(/100%/);
    bar.done();
    expect(writes.at(-1)).toBe('\r\x1b[K');
  });

  it('done() before anything was drawn writes nothing (a short run leaves no trace)', () => {
    const { bar, writes } = barAt(0, true);
    now = 500;
    bar.update(1, 2, 'x');
    bar.done();
    expect(writes).toEqual([]);
  });

  it('disabled (not a terminal): never writes, however long the run', () => {
    const { bar, writes } = barAt(0, false);
    for (const t of [0, 1000, 2000, 60_000]) {
      now = t;
      bar.update(t, 60_000, 'x');
    }
    bar.done();
    expect(writes).toEqual([]);
  });
});

describe('ProgressBar on a real terminal', () => {
  it('a ~2 s run under `script` (a pseudo-terminal) shows a bar with "[" and "%"', () => {
    const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (probe.error) {
      console.warn(
        `progress-bar.test: util-linux \`script\` is not available (${probe.error.message}); ` +
          'the real-terminal check is NOT run here, only the fallback below (the bar draws when enabled and time has passed).',
      );
      const { bar, writes } = barAt(0, true);
      now = 1500;
      bar.update(1, 2, 'fallback');
      expect(writes.join('')).toMatch(/\[=+ +\]\s+50%/);
      return;
    }
    const box = makeSandbox('tty');
    try {
      const db = join(box.dir, 'tty.db');
      const command = [process.execPath, BIN, 'run', fixture('progress.yaml'), '--db', db, '--store', 'none'].map(shellQuote).join(' ');
      const r = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd: REPO, env: box.env, encoding: 'utf8', timeout: 40_000 });
      expect(r.error).toBeUndefined();
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
      const out = r.stdout;
      expect(out).toContain('progress bar'); // the summary, so the run itself succeeded
      expect(out).toMatch(/\r\[[= ]{30}\]\s+\d{1,3}%/); // at least one drawn bar
      expect(out).toContain('\r\x1b[K'); // and the line was cleared afterwards
      // The bar is gone before the summary: the summary's first line follows a clear, not a bar.
      const summaryAt = out.indexOf('progress bar\r\n') >= 0 ? out.indexOf('progress bar\r\n') : out.indexOf('progress bar\n');
      const lastBar = out.lastIndexOf('\r[');
      expect(lastBar).toBeLessThan(summaryAt);
      expect(out.slice(lastBar, summaryAt)).toContain('\x1b[K\r\x1b[K');
    } finally {
      box.cleanup();
    }
  });
});

function shellQuote(word: string): string {
  return /^[\w./:=@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
