// queue-lab experiment claim-race [--db postgres://...] [--workers 1,2,4,8] [--jobs N] [--job-ms MS]
//                                 [--strategies skipLocked,forUpdate,sqlite] [--out FILE.html] [--json]
// Runs a built-in experiment on the real database with real worker processes
// and prints what it measured (claim-race.ts); --out also writes the chart.
import { writeFileSync } from 'node:fs';
import { RACE_STRATEGIES, runClaimRace, type ClaimRaceResult, type RaceStrategy } from '../../engine/live/claim-race.ts';
import { redactUrl } from '../../engine/live/open-live-store.ts';
import { claimRaceChart } from '../../../shared/report/charts/claim-race-chart.ts';
import { escapeHtml } from '../../../shared/report/escape.ts';
import { REPORT_CSS } from '../../../shared/report/report-styles.ts';
import { NodeWorkerHost } from '../../workers/node-worker-host.ts';
import { EXIT, UsageError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-args.ts';
import { EXPERIMENT_USAGE } from '../usage.ts';

export async function experimentCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    workers: { type: 'string', default: '1,2,4,8' },
    jobs: { type: 'string', default: '2000' },
    'job-ms': { type: 'string', default: '2' },
    strategies: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
  }, EXPERIMENT_USAGE);
  if (positionals[0] !== 'claim-race' || positionals.length !== 1) {
    throw new UsageError(`experiment: the built-in experiments are: claim-race${positionals[0] ? ` (got "${positionals[0]}")` : ''}\n\n${EXPERIMENT_USAGE}`);
  }
  const workers = intList('--workers', values.workers, 1, 64);
  const jobs = int('--jobs', values.jobs, 10, 1_000_000);
  const jobMs = Number(values['job-ms']);
  if (!Number.isFinite(jobMs) || jobMs < 0 || jobMs > 1000) throw new UsageError(`--job-ms: expected a number 0..1000, got "${values['job-ms']}"`);
  const url = values.db;
  const strategies = values.strategies === undefined ? (url ? RACE_STRATEGIES : (['sqlite'] as const)) : strategyList(values.strategies);
  if (url !== undefined && !/^postgres(ql)?:\/\//i.test(url)) throw new UsageError('--db: claim-race takes a PostgreSQL URL (postgres://user@host:port/dbname); its SQLite runs use a temporary file');
  if (!values.json) io.err(`claim-race: ${jobs} jobs of ${jobMs} ms per point; ${strategies.join(', ')} x ${workers.join(', ')} workers${url ? ` on ${redactUrl(url)}` : ''}`);
  const result = await runClaimRace({
    strategies, workers, jobs, jobMs, postgresUrl: url, host: new NodeWorkerHost(),
    onPoint: (p) => {
      if (!values.json) io.err(`  ${p.strategy.padEnd(10)} ${String(p.workers).padStart(2)} workers  ${Math.round(p.jobsPerSecond)} jobs/s`);
    },
  });
  if (values.out !== undefined) writeFileSync(values.out, page(result, url));
  io.out(values.json ? JSON.stringify(result) : table(result) + (values.out ? `\n  chart     ${values.out}\n` : ''));
  return EXIT.ok;
}

function table(r: ClaimRaceResult): string {
  const strategies = [...new Set(r.points.map((p) => p.strategy))];
  const counts = [...new Set(r.points.map((p) => p.workers))];
  const head = `workers  ${strategies.map((s) => s.padStart(11)).join('')}`;
  const rows = counts.map((w) => `${String(w).padStart(7)}  ${strategies.map((s) => String(Math.round(r.points.find((p) => p.strategy === s && p.workers === w)?.jobsPerSecond ?? 0)).padStart(11)).join('')}`);
  return [`claim-race: jobs/s (${r.jobs} jobs of ${r.jobMs} ms per point)`, head, ...rows].join('\n');
}

function page(r: ClaimRaceResult, url: string | undefined): string {
  const where = url ? ` on ${escapeHtml(redactUrl(url))}` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>claim-race</title><style>${REPORT_CSS}</style></head><body><main>`
    + `<header class="report-head"><h1>claim-race</h1><p>Measured throughput of ${r.jobs} jobs of ${r.jobMs} ms per point, real worker processes${where}, ${new Date().toISOString()}.</p></header>`
    + `<div class="chart-block">${claimRaceChart(r.points)}</div><pre>${escapeHtml(table(r))}</pre></main></body></html>\n`;
}

function int(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${flag}: expected an integer ${min}..${max}, got "${text}"`);
  return n;
}

function intList(flag: string, text: string, min: number, max: number): number[] {
  const list = text.split(',').map((s) => int(flag, s.trim(), min, max));
  return [...new Set(list)].sort((a, b) => a - b);
}

function strategyList(text: string): RaceStrategy[] {
  return text.split(',').map((s) => {
    const name = s.trim();
    if (!(RACE_STRATEGIES as readonly string[]).includes(name)) throw new UsageError(`--strategies: expected some of ${RACE_STRATEGIES.join(', ')}, got "${name}"`);
    return name as RaceStrategy;
  });
}
