// UI smoothness in Chromium, the two numbers of issue 4's "Performance":
//
// 1. Frame time while a live run does about 1,000 jobs/s: the real web host
//    (`queue-lab serve`), a live run started through the LabApi (constant
//    arrivals, 2 worker processes), the lab open in Debian's Chromium; the
//    page lands on the active run by itself. requestAnimationFrame deltas are
//    recorded for WINDOW_S seconds with each of two tabs open (Charts, then
//    the event log in follow mode); p95 goal <= 16 ms (one 60 Hz frame,
//    16.7 ms, with rounding).
// 2. Time to open a finished 100,000-job run: from the click in Run history
//    until the run is loaded and the views have drawn (the progress bar says
//    "of the run", then two more animation frames). Goal <= 2 s.
//
// Writes the bench:ui section of bench/RESULTS.md (--no-write: print only).
// Run: node bin/run-ts.mjs bench/ui-frame-time.ts
import os from 'node:os';
import type { Page } from 'playwright-core';
import { launchChromium, openPage } from '../test/e2e/harness/browser.ts';
import { startLabHost } from '../test/e2e/harness/lab-host.ts';
import { ensureRendererBuild } from '../test/e2e/harness/renderer-build.ts';
import { openTab, statCount, until } from '../test/e2e/harness/shell.ts';
import { RESULTS, writeResultsSection } from './lib/results-file.ts';

const WRITE = !process.argv.includes('--no-write');
const WINDOW_S = 10;
const OPEN_REPS = 3;

/** 100 scenario jobs/s played at 0.1 wall s per scenario s: 1,000 jobs/s of wall time. */
const LIVE_SCENARIO = {
  name: 'UI bench: 1,000 jobs/s live',
  seed: 5,
  jobTypes: { work: { duration: { kind: 'constant', value: 0.002 }, failureRate: 0.02 } },
  producers: [{ queue: 'default', jobType: 'work', count: 4000 * WINDOW_S, arrival: { kind: 'constant', rate: 100 } }],
  workers: { count: 2, concurrency: 1 },
  retry: { maxAttempts: 3, backoff: { kind: 'exponential', initial: 0.5, factor: 2, max: 10 }, jitter: 'full' },
};
const TIME_SCALE = 0.1;
/** rAF deltas snap to vsync (16.7 ms at 60 Hz, 33.3 ms after one missed frame): below this, no frame was dropped. */
const ONE_FRAME_MS = 20;

const BIG_SCENARIO = {
  name: 'UI bench: 100k finished',
  seed: 7,
  jobTypes: { work: { duration: { kind: 'exponential', mean: 0.1 }, failureRate: 0.05 } },
  producers: [{ queue: 'default', jobType: 'work', count: 100_000, arrival: { kind: 'poisson', rate: 25 } }],
  workers: { count: 3, concurrency: 1 },
};

const log = (...a: unknown[]) => console.log(...a);

interface FrameStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Frames that took longer than 50 ms: a stall a person notices. */
  long: number;
}

/** Nearest-rank percentile of sorted values. */
function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function frameStats(deltas: number[]): FrameStats {
  // The first delta runs from the call to the first frame, not frame to frame.
  const sorted = deltas.slice(1).sort((a, b) => a - b);
  return { count: sorted.length, p50: pct(sorted, 50), p95: pct(sorted, 95), p99: pct(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, long: sorted.filter((d) => d > 50).length };
}

function median(values: number[]): number {
  return pct([...values].sort((a, b) => a - b), 50);
}

/** Records requestAnimationFrame deltas in the page for `seconds`. */
async function recordFrames(page: Page, seconds: number): Promise<number[]> {
  return (await page.evaluate(`new Promise((resolve) => {
    const deltas = [];
    let last = performance.now();
    const end = last + ${seconds * 1000};
    const tick = (now) => {
      deltas.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick); else resolve(deltas);
    };
    requestAnimationFrame(tick);
  })`)) as number[];
}

async function succeededNow(page: Page): Promise<number> {
  return (await statCount(page, 'Succeeded')) ?? 0;
}

ensureRendererBuild();
const machine = {
  cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
  cores: os.cpus().length,
  memGb: os.totalmem() / 2 ** 30,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  date: new Date().toISOString(),
  loadStart: os.loadavg()[0]!,
};
const host = await startLabHost();
const browser = await launchChromium();
const live: { tab: string; frames: FrameStats; jobsPerS: number }[] = [];
const opens: number[] = [];
let big: { run_id: string; events: number } = { run_id: '', events: 0 };
let chromiumVersion = browser.version();
try {
  const api = await host.api();
  // ---- 1. frame time during a live run ----
  const { runId } = await api.startLive({ scenario: LIVE_SCENARIO, timeScale: TIME_SCALE });
  log(`live run ${runId}: ${LIVE_SCENARIO.producers[0]!.count} jobs at ${100 / TIME_SCALE} jobs/s of wall time`);
  const { page, errors } = await openPage(browser, host.url);
  await until('the page to land on the live run', () => page.getByRole('progressbar', { name: 'Progress: jobs finished' }).count(), (n) => n > 0, 60_000);
  await until('jobs to flow', () => succeededNow(page), (n) => n > 500, 60_000);
  for (const tab of ['Charts', 'Event log']) {
    await openTab(page, tab);
    await page.waitForTimeout(500);
    const before = await succeededNow(page);
    const t0 = Date.now();
    const deltas = await recordFrames(page, WINDOW_S);
    const jobsPerS = ((await succeededNow(page)) - before) / ((Date.now() - t0) / 1000);
    const frames = frameStats(deltas);
    live.push({ tab, frames, jobsPerS });
    log(`${tab}: ${frames.count} frames, p50 ${frames.p50.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms, max ${frames.max.toFixed(1)} ms; ${jobsPerS.toFixed(0)} jobs/s succeeded`);
  }
  await api.stopRun({ runId, how: 'kill' }).catch(() => undefined);
  if (errors.length) log(`page errors: ${errors.join('; ')}`);
  await page.context().close();

  // ---- 2. opening a finished 100k-job run ----
  const t = Date.now();
  big = await api.runInstant({ scenario: BIG_SCENARIO });
  log(`100k run ${big.run_id}: ${big.events} events, stored in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  for (let i = 0; i < OPEN_REPS; i++) {
    const { page: p, context } = await openPage(browser, host.url);
    const history = p.getByRole('region', { name: 'Run history' });
    const item = history.getByRole('button', { name: /UI bench: 100k finished/ });
    await item.waitFor({ timeout: 30_000 });
    const started = Date.now();
    await item.click();
    await p.getByRole('progressbar', { name: 'Progress: of the run' }).waitFor({ timeout: 120_000 });
    await p.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    const ms = Date.now() - started;
    opens.push(ms);
    log(`open ${i + 1}: ${ms} ms`);
    await context.close();
  }
} finally {
  chromiumVersion = browser.version();
  await browser.close();
  await host.stop();
}

// ---- report ----
const loadEnd = os.loadavg()[0]!;
const fmt = (x: number, d = 1) => x.toFixed(d);
const openMedian = median(opens);
const lines = [
  '## UI frame time and opening a big run (`node bin/run-ts.mjs bench/ui-frame-time.ts`)',
  '',
  `Run on ${machine.date}`,
  '',
  `- Machine: ${machine.cpu}, ${machine.cores} cores, ${fmt(machine.memGb)} GB RAM, ${machine.os}; Node ${machine.node}; Chromium ${chromiumVersion} (headless, --disable-gpu, 1440 x 900)`,
  `- 1-min load average: ${fmt(machine.loadStart, 2)} at the start, ${fmt(loadEnd, 2)} at the end (${machine.cores} cores shared by the web host, 2 worker processes and the browser)`,
  `- Live run: constant arrivals of 100 jobs per scenario second at time scale ${TIME_SCALE} (1,000 jobs/s of wall time), 2 % failures (retried), 2 worker processes; rAF deltas for ${WINDOW_S} s with each tab open`,
  '',
  '| tab open during the live run | frames | p50 ms | p95 ms | p99 ms | max ms | frames > 50 ms | jobs/s succeeded | p95 within one frame |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ...live.map(
    (r) =>
      `| ${r.tab} | ${r.frames.count} | ${fmt(r.frames.p50)} | ${fmt(r.frames.p95)} | ${fmt(r.frames.p99)} | ${fmt(r.frames.max)} | ${r.frames.long} | ${fmt(r.jobsPerS, 0)} | ${r.frames.p95 < ONE_FRAME_MS ? 'PASS' : 'MISS'} |`,
  ),
  '',
  `Opening a finished run of 100,000 jobs (${big.events.toLocaleString('en')} events; ${BIG_SCENARIO.producers[0]!.arrival.kind} arrivals, 5 % failures) from Run history, click to drawn, goal <= 2 s: ` +
    `first open ${opens[0]} ms (${opens[0]! <= 2000 ? 'PASS' : 'MISS'}), then ${opens.slice(1).map((ms) => `${ms} ms`).join(', ')}; median ${openMedian} ms (${openMedian <= 2000 ? 'PASS' : 'MISS'}).`,
  '',
  'rAF deltas snap to the display: at 60 Hz a frame on time measures 16.7 ms and one missed frame 33.3 ms, so "within one frame" is p95 < 20 ms (the goal "<= 16 ms" read as "no dropped frame at the 95th percentile"). Headless Chromium without a GPU paints in software, on 2 cores shared with the host and both workers: a desktop with a GPU has more headroom.',
];
log(lines.slice(1).join('\n'));

if (WRITE) {
  writeResultsSection('ui', lines);
  log(`Wrote ${RESULTS}`);
}
