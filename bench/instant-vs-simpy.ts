// `npm run bench`: instant mode against SimPy 3 on the same M/M/4 model.
//
//   npm run bench [-- --jobs 200k --big 1m --reps 3 --no-write]
//
// In one run of this script, every time the whole command as a user types
// it (spawn to exit): SimPy 3 (bench/simpy_mm4.py, through the Debian
// python3-simpy3 at /usr/bin/python3), `queue-lab run --store none` and
// `queue-lab run` stored (a fresh SQLite file in os.tmpdir() each time), and
// bench/sqlite-floor.ts for the same rows; each REPS times with seeds 42,
// 43, ... and the median time kept; then the BIG-job stored run in a child
// process of its own (bench/one-run.ts under /usr/bin/time -v) for its time
// and peak RSS (--big 0 skips it).
// Prints the table with the targets of the issue and rewrites the
// bench:instant section of bench/RESULTS.md (the hand-written part is kept).
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { mmcMeanWait } from '../src/shared/theory/erlang-c.ts';
import { arg, BENCH_DIR, loadModel, mean, median, modelParams, parseCount, type TimedRun } from './lib/mm4.ts';
import { queueLabRun, timeCommand } from './lib/whole-command.ts';

const PYTHON = '/usr/bin/python3';
const TIME = '/usr/bin/time';
const ROOT = join(BENCH_DIR, '..');
const RESULTS = join(BENCH_DIR, 'RESULTS.md');
const START = '<!-- bench:instant:start -->';
const END = '<!-- bench:instant:end -->';
const HAND = '<!-- hand-written below -->';

/** The issue's targets. */
const TARGET = { fullRatio: 0.7, noneRatio: 4, floorFactor: 1.5, bigSeconds: 10, bigRssMb: 500 };
/** How far apart the mean waits may be (relative), from each other and from Erlang C. */
const WAIT_TOLERANCE = 0.05;

const argv = process.argv.slice(2);
const JOBS = parseCount(arg(argv, 'jobs', '200000'));
const BIG = arg(argv, 'big', '1000000') === '0' ? 0 : parseCount(arg(argv, 'big', '1000000'));
const REPS = parseCount(arg(argv, 'reps', '3'));
const WRITE = !argv.includes('--no-write');
const SEEDS = Array.from({ length: REPS }, (_, i) => 42 + i);

const log = (line = ''): void => void process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 2): string => n.toFixed(digits);
const fmtJobs = (n: number): string => n.toLocaleString('en-US');

// ---------------------------------------------------------------- machine --

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

/** SimPy's version, or null with the reason when it cannot be run. */
function simpyVersion(): { version: string | null; reason: string } {
  if (!existsSync(PYTHON)) return { version: null, reason: `${PYTHON} does not exist` };
  const r = spawnSync(PYTHON, ['-c', 'import simpy; print(simpy.__version__)'], { encoding: 'utf8' });
  if (r.status === 0) return { version: r.stdout.trim(), reason: '' };
  return { version: null, reason: (r.stderr || r.error?.message || 'import simpy failed').trim().split('\n').pop() ?? '' };
}

function hasGnuTime(): boolean {
  if (!existsSync(TIME)) return false;
  const r = spawnSync(TIME, ['-v', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /Maximum resident set size/.test(r.stderr);
}

const machine = {
  date: new Date().toISOString(),
  cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
  cores: os.cpus().length,
  memGb: os.totalmem() / 2 ** 30,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  sqlite: sqliteVersion(),
  loadStart: os.loadavg()[0]!,
};
const simpy = simpyVersion();
const gnuTime = hasGnuTime();

// ----------------------------------------------------------- measurements --

interface SimpyRun {
  jobs: number;
  /** The whole command, python start-up and `import simpy` included. */
  wall_s: number;
  /** env.run() alone, as measured inside Python. */
  inner_s: number;
  wait_mean: number;
}

function runSimpy(jobs: number, seed: number): SimpyRun {
  const r = timeCommand(PYTHON, [join(BENCH_DIR, 'simpy_mm4.py'), String(jobs), String(seed)], (out) => JSON.parse(out) as Omit<SimpyRun, 'inner_s'>);
  return { ...r.result, inner_s: r.result.wall_s, wall_s: r.wall_s };
}

/** `queue-lab run` of the model, the whole command; `none` or stored on a fresh file. */
function runOurs(jobs: number, seed: number, store: 'none' | 'full'): TimedRun {
  const r = queueLabRun(loadModel(jobs, seed), store === 'none' ? ['--store', 'none'] : []);
  const s = r.result;
  return { wall_s: r.wall_s, events: s.events, jobs: s.jobs.total, wait_mean: s.latency_s.wait_mean, event_log_sha256: s.event_log_sha256, db_mb: r.db_mb };
}

interface FloorRun {
  /** SQLite alone: INSERT ... SELECT of the same rows, no JS values. */
  sqlite_s: number;
  /** The same rows from JS through BulkInsert on one thread. */
  bulk_s: number;
}

function runFloor(jobs: number): FloorRun {
  const r = timeCommand(process.execPath, [join(ROOT, 'bin', 'run-ts.mjs'), join(BENCH_DIR, 'sqlite-floor.ts'), '--jobs', String(jobs)], (out) => out);
  const seconds = (label: RegExp): number => {
    const m = new RegExp(`${label.source}.*?([0-9.]+) s`).exec(r.stdout);
    if (!m) throw new Error(`sqlite-floor.ts printed no ${label.source} line: ${r.stdout}`);
    return Number(m[1]);
  };
  return { sqlite_s: seconds(/SQLite alone/), bulk_s: seconds(/from JS through BulkInsert/) };
}

interface BigRun extends TimedRun {
  /** Peak RSS of the whole child process: /usr/bin/time's when available, else the child's own getrusage. */
  rss_peak_mb: number;
  rss_source: string;
}

function runBig(jobs: number, seed: number): BigRun {
  const child = ['bin/run-ts.mjs', 'bench/one-run.ts', '--jobs', String(jobs), '--store', 'full', '--seed', String(seed)];
  const r = gnuTime
    ? spawnSync(TIME, ['-v', process.execPath, ...child], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 })
    : spawnSync(process.execPath, child, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`one-run.ts failed (${r.status}): ${r.stderr}`);
  const json = r.stdout.trim().split('\n').pop() ?? '';
  const out = JSON.parse(json) as TimedRun & { rss_peak_mb: number };
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return kb
    ? { ...out, rss_peak_mb: Number(kb[1]) / 1024, rss_source: '/usr/bin/time -v' }
    : { ...out, rss_source: 'process.resourceUsage().maxRSS' };
}

log(`Queue Lab bench: instant mode vs SimPy 3, M/M/4 (bench/models/mm4.yaml)`);
log(`${machine.cpu}, ${machine.cores} cores, ${fmt(machine.memGb, 1)} GB, ${machine.os}, node ${machine.node}, SQLite ${machine.sqlite}`);
if (simpy.version) log(`SimPy ${simpy.version} (${PYTHON})`);
else {
  log(`SimPy 3 is not available (${simpy.reason}): the SimPy column and the ratios are skipped.`);
  log(`  Fix: apt-get install -y python3-simpy3   (the Debian package; run by ${PYTHON}, not the python3 on PATH)`);
}
log(`${REPS} repetition(s) each, seeds ${SEEDS.join(', ')}; times are medians.`);
if (machine.loadStart > machine.cores / 2) {
  log(`Note: the machine is busy (1-min load average ${fmt(machine.loadStart)} on ${machine.cores} cores); times will be pessimistic.`);
}
log();

const params = modelParams(loadModel(JOBS));
const theoryWait = mmcMeanWait(params.c, params.lambda, params.mu);

const simpyRuns: SimpyRun[] = [];
const noneRuns: TimedRun[] = [];
const fullRuns: TimedRun[] = [];
const bigRuns: BigRun[] = [];
const floorRuns: FloorRun[] = [];

const step = (label: string, seconds: number, extra = ''): void => log(`  ${label.padEnd(34)} ${fmt(seconds, 3).padStart(8)} s${extra}`);

for (const seed of SEEDS) {
  if (!simpy.version) break;
  const r = runSimpy(JOBS, seed);
  simpyRuns.push(r);
  step(`SimPy ${fmtJobs(JOBS)} seed ${seed}`, r.wall_s);
}
for (const seed of SEEDS) {
  const r = runOurs(JOBS, seed, 'none');
  noneRuns.push(r);
  step(`queue-lab run --store none ${fmtJobs(JOBS)} seed ${seed}`, r.wall_s);
}
for (const seed of SEEDS) {
  const r = runOurs(JOBS, seed, 'full');
  fullRuns.push(r);
  step(`queue-lab run (stored) ${fmtJobs(JOBS)} seed ${seed}`, r.wall_s, `  (${fmt(r.db_mb ?? 0, 0)} MB db)`);
}
for (const _ of SEEDS) {
  const r = runFloor(JOBS);
  floorRuns.push(r);
  step(`SQLite floor, ${fmtJobs(JOBS)} jobs' rows`, r.sqlite_s, `  (BulkInsert from JS: ${fmt(r.bulk_s, 3)} s)`);
}
for (const seed of BIG > 0 ? SEEDS : []) {
  const r = runBig(BIG, seed);
  bigRuns.push(r);
  step(`ours --store full ${fmtJobs(BIG)} seed ${seed}`, r.wall_s, `  (peak RSS ${fmt(r.rss_peak_mb, 0)} MB, ${fmt(r.db_mb ?? 0, 0)} MB db)`);
}
log();

// ----------------------------------------------------------------- verdict --

const loadEnd = os.loadavg()[0]!;
const tSimpy = simpyRuns.length ? median(simpyRuns.map((r) => r.wall_s)) : null;
const tNone = median(noneRuns.map((r) => r.wall_s));
const tFull = median(fullRuns.map((r) => r.wall_s));
const tBig = bigRuns.length ? median(bigRuns.map((r) => r.wall_s)) : NaN;
const rssBig = bigRuns.length ? Math.max(...bigRuns.map((r) => r.rss_peak_mb)) : NaN;
const tFloor = median(floorRuns.map((r) => r.sqlite_s));
const tBulk = median(floorRuns.map((r) => r.bulk_s));
const tSimpyInner = simpyRuns.length ? median(simpyRuns.map((r) => r.inner_s)) : null;
const ratioNone = tSimpy === null ? null : tSimpy / tNone;
const ratioFull = tSimpy === null ? null : tSimpy / tFull;

function ratioVerdict(ratio: number | null, target: number, ours: number): string {
  if (ratio === null || tSimpy === null) return 'n/a (SimPy not installed)';
  if (ratio >= target) return `PASS (${fmt(ratio / target)}x the target)`;
  const needed = tSimpy / target;
  return `MISS by ${fmt(target / ratio)}x: needs <= ${fmt(needed, 3)} s, is ${fmt(ours, 3)} s (${fmt(ours - needed, 3)} s over)`;
}

function limitVerdict(value: number, limit: number, unit: string, digits: number): string {
  if (value <= limit) return `PASS (${fmt(limit - value, digits)} ${unit} to spare)`;
  return `MISS by ${fmt(value - limit, digits)} ${unit} (+${fmt((value / limit - 1) * 100, 0)}%)`;
}

const verdicts = {
  none: ratioVerdict(ratioNone, TARGET.noneRatio, tNone),
  full: ratioVerdict(ratioFull, TARGET.fullRatio, tFull),
  floor: limitVerdict(tFull, tFloor * TARGET.floorFactor, 's', 3),
  bigTime: limitVerdict(tBig, TARGET.bigSeconds, 's', 2),
  bigRss: limitVerdict(rssBig, TARGET.bigRssMb, 'MB', 0),
};

// Model agreement: the mean wait of each engine, averaged over the seeds.
const waits: { label: string; value: number }[] = [];
if (simpyRuns.length) waits.push({ label: `SimPy, ${fmtJobs(JOBS)} x ${REPS}`, value: mean(simpyRuns.map((r) => r.wait_mean)) });
waits.push({ label: `ours --store none, ${fmtJobs(JOBS)} x ${REPS}`, value: mean(noneRuns.map((r) => r.wait_mean)) });
waits.push({ label: `ours --store full, ${fmtJobs(JOBS)} x ${REPS}`, value: mean(fullRuns.map((r) => r.wait_mean)) });
if (bigRuns.length) waits.push({ label: `ours --store full, ${fmtJobs(BIG)} x ${REPS}`, value: mean(bigRuns.map((r) => r.wait_mean)) });
const rel = (a: number, b: number): number => Math.abs(a - b) / b;
let maxPairGap = 0;
for (const a of waits) for (const b of waits) maxPairGap = Math.max(maxPairGap, rel(a.value, b.value));
const agreeTheory = waits.every((w) => rel(w.value, theoryWait) <= WAIT_TOLERANCE);
const agreePairs = maxPairGap <= WAIT_TOLERANCE;
// The store level must not change the simulation: same seed, same event log.
const sameLog = noneRuns.every((r, i) => r.event_log_sha256 === fullRuns[i]!.event_log_sha256);
const allJobs = [...noneRuns, ...fullRuns].every((r) => r.jobs === JOBS) && bigRuns.every((r) => r.jobs === BIG) && simpyRuns.every((r) => r.jobs === JOBS);

// Where the time goes (medians): the none run is the simulation alone (plus
// the event-log hash); full - none is what storing costs.
const storeShare = (tFull - tNone) / tFull;
const eventsPerJob = noneRuns[0]!.events / JOBS;

// ------------------------------------------------------------------- table --

const lines: string[] = [];
const out = (line = ''): void => void lines.push(line);
const s = (t: number | null): string => (t === null ? 'n/a' : fmt(t, 3));
const x = (r: number | null): string => (r === null ? 'n/a' : `${fmt(r)}x`);

out(`Run on ${machine.date}`);
out();
out(`- Machine: ${machine.cpu}, ${machine.cores} cores, ${fmt(machine.memGb, 1)} GB RAM, ${machine.os}`);
out(`- Node ${machine.node}, SQLite ${machine.sqlite} (better-sqlite3), SimPy ${simpy.version ?? `not installed (${simpy.reason})`}`);
out(`- Model: bench/models/mm4.yaml = bench/simpy_mm4.py: M/M/${params.c}, lambda = ${params.lambda}/s, mu = ${params.mu}/s (rho = ${fmt(params.lambda / (params.c * params.mu))})`);
out(`- 1-min load average: ${fmt(machine.loadStart)} at the start, ${fmt(loadEnd)} at the end (${machine.cores} cores; above ~1 per core the times are pessimistic)`);
out(`- Each time is the median of ${REPS} run(s) (seeds ${SEEDS.join(', ')}); ratio = SimPy time / our time, higher is faster`);
out('- Every time is a whole command, spawn to exit: `/usr/bin/python3 bench/simpy_mm4.py N SEED` (python start-up and `import simpy` included) ' +
  'and `queue-lab run SCENARIO.json --json --db FILE [--store none]` (node start-up, the built CLI, opening the database, the run, the summary, exit)');
out();
out('| jobs | SimPy s | queue-lab --store none s | queue-lab stored s | SQLite floor s | SimPy / none | SimPy / stored | stored / floor |');
out('|---:|---:|---:|---:|---:|---:|---:|---:|');
out(`| ${fmtJobs(JOBS)} | ${s(tSimpy)} | ${s(tNone)} | ${s(tFull)} | ${s(tFloor)} | ${x(ratioNone)} | ${x(ratioFull)} | ${x(tFull / tFloor)} |`);
if (bigRuns.length) out(`| ${fmtJobs(BIG)} (bench/one-run.ts, in-process time) | | | ${s(tBig)} | | | | |`);
out();
out(`SimPy's env.run() alone (inside Python): ${s(tSimpyInner)} s. SQLite floor: bench/sqlite-floor.ts, the rows of a ${fmtJobs(JOBS)}-job stored run inserted by SQLite alone (INSERT ... SELECT, no values from JS); the same rows from JS through BulkInsert on one thread: ${s(tBulk)} s.`);
out();
out('| target | measured | result |');
out('|---|---:|---|');
out(`| \`--store none\` >= ${TARGET.noneRatio}x SimPy (${fmtJobs(JOBS)} jobs, whole command) | ${x(ratioNone)} | ${verdicts.none} |`);
out(`| stored >= ${TARGET.fullRatio}x SimPy (${fmtJobs(JOBS)} jobs, whole command) | ${x(ratioFull)} | ${verdicts.full} |`);
out(`| stored <= ${TARGET.floorFactor}x the SQLite floor (${s(tFloor)} s) | ${s(tFull)} s | ${verdicts.floor} |`);
if (bigRuns.length) {
  out(`| ${fmtJobs(BIG)} stored jobs <= ${TARGET.bigSeconds} s | ${fmt(tBig)} s | ${verdicts.bigTime} |`);
  out(`| ${fmtJobs(BIG)} stored jobs peak RSS <= ${TARGET.bigRssMb} MB | ${fmt(rssBig, 0)} MB | ${verdicts.bigRss} |`);
}
out();
const each = (runs: readonly { wall_s: number }[]): string => runs.map((r) => fmt(r.wall_s, 3)).join(', ');
out(`Individual runs, in seed order (s): SimPy ${simpyRuns.length ? each(simpyRuns) : 'n/a'}; none ${each(noneRuns)}; stored ${each(fullRuns)}; floor ${floorRuns.map((r) => fmt(r.sqlite_s, 3)).join(', ')}${bigRuns.length ? `; ${fmtJobs(BIG)} stored ${each(bigRuns)}` : ''}.`);
out();
if (bigRuns.length) out(`Peak RSS: the highest of the ${REPS} ${fmtJobs(BIG)}-job child processes, from ${bigRuns[0]!.rss_source}; whole process (node, tsx, SQLite page cache). Database file: ${fmt(bigRuns[0]!.db_mb ?? 0, 0)} MB.`);
out();
out('Where the time goes (medians):');
out(`- simulation alone (\`--store none\`): ${fmt((tNone / JOBS) * 1e6, 2)} us per job, ${fmt(eventsPerJob, 1)} events per job, ${fmt(noneRuns[0]!.events / tNone / 1e6, 2)} M events/s`);
out(`- storing (full - none): ${fmt(((tFull - tNone) / JOBS) * 1e6, 2)} us per job, ${fmt(storeShare * 100, 0)}% of the stored run`);
out(`- ${fmtJobs(JOBS)} stored: ${fmt((tFull / JOBS) * 1e6, 2)} us per job, whole command${bigRuns.length ? `; ${fmtJobs(BIG)} stored: ${fmt((tBig / BIG) * 1e6, 2)} us per job` : ''}`);
out();
out(`Same model? Mean wait in queue (mean over the seeds) against Erlang C, Wq = ${fmt(theoryWait, 4)} s; tolerance ${fmt(WAIT_TOLERANCE * 100, 0)}%:`);
out();
out('| engine | mean wait s | vs Erlang C |');
out('|---|---:|---:|');
for (const w of waits) out(`| ${w.label} | ${fmt(w.value, 4)} | ${w.value >= theoryWait ? '+' : ''}${fmt(((w.value - theoryWait) / theoryWait) * 100, 1)}% |`);
out();
out(`- all within ${fmt(WAIT_TOLERANCE * 100, 0)}% of Erlang C: ${agreeTheory ? 'yes' : 'NO'}; largest gap between two engines: ${fmt(maxPairGap * 100, 1)}% (${agreePairs ? 'ok' : 'TOO LARGE'})`);
out(`- \`--store none\` and \`--store full\` give the same event log for each seed: ${sameLog ? 'yes' : 'NO'}`);
out(`- every run finished all its jobs: ${allJobs ? 'yes' : 'NO'}`);

for (const line of lines) log(line);

// ---------------------------------------------------------------- RESULTS --

const TEMPLATE = `# Benchmark results

Sections between \`<!-- bench:NAME:start -->\` and \`<!-- bench:NAME:end -->\` are
rewritten by the bench scripts (see bench/README.md); everything below the
hand-written marker is written by people and never touched by a script.

${START}
${END}

${HAND}

## What limits it

_To be written by hand: for each missed target, what the profile shows
limits it (see the "Where the time goes" lines above)._
`;

function writeResults(): void {
  const section = [START, '## Instant mode vs SimPy 3 (`npm run bench`)', '', ...lines, END].join('\n');
  let text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : TEMPLATE;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start >= 0 && end > start) {
    text = text.slice(0, start) + section + text.slice(end + END.length);
  } else {
    // No section yet: put it just above the hand-written part (or at the end).
    const hand = text.indexOf(HAND);
    text = hand >= 0 ? `${text.slice(0, hand)}${section}\n\n${text.slice(hand)}` : `${text.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(RESULTS, text);
  log();
  log(`Wrote ${RESULTS}`);
}

if (WRITE) writeResults();
