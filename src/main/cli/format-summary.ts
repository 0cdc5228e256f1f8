// The human form of a run summary: the numbers a student quotes, in a short table.
import type { RunSummary } from '../../shared/metrics/run-summary.ts';

const s = (x: number, digits = 2): string => `${x.toFixed(digits)} s`;

export function formatSummary(r: RunSummary): string {
  const rows: [string, string][] = [
    ['run', `${r.run_id}  (${r.mode}, seed ${r.seed}, store ${r.store}, ${r.status})`],
    ['jobs', `${r.jobs.total} total: ${r.jobs.succeeded} succeeded, ${r.jobs.dead} dead, ${r.jobs.cancelled} cancelled, ${r.jobs.pending} waiting, ${r.jobs.processing} processing`],
    ['attempts', `${r.attempts.total} (${r.attempts.retries} retries, ${r.attempts.mean_per_succeeded.toFixed(2)} per succeeded job)`],
    ['wait', `mean ${s(r.latency_s.wait_mean)}, p50 ${s(r.latency_s.wait_p50)}, p95 ${s(r.latency_s.wait_p95)}, p99 ${s(r.latency_s.wait_p99)}`],
    ['total time', `mean ${s(r.latency_s.total_mean)}, p95 ${s(r.latency_s.total_p95)}`],
    ['throughput', `${r.throughput_per_s.toFixed(2)} jobs/s over ${s(r.sim_duration_s, 1)} of scenario time`],
    ['little\'s law', `L = ${r.littles_law.L.toFixed(3)}, lambda x W = ${r.littles_law.lambda_W.toFixed(3)}`],
  ];
  if (r.theory) rows.push(['theory', `${r.theory.model}, rho ${r.theory.rho.toFixed(2)}: Erlang C wait ${s(r.theory.wait_mean, 3)} (measured ${s(r.latency_s.wait_mean, 3)})`]);
  if (r.jobs.deduplicated) rows.push(['deduplicated', `${r.jobs.deduplicated} enqueues answered with an existing job`]);
  if (r.duplicates || r.lost || r.lease_lost) rows.push(['anomalies', `${r.duplicates} completed twice, ${r.lost} lost, ${r.lease_lost} leases lost`]);
  rows.push(['events', `${r.events}  sha256 ${r.event_log_sha256.slice(0, 16)}...`]);
  rows.push(['wall', s(r.wall_s, 3)]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return `${r.scenario}\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}
