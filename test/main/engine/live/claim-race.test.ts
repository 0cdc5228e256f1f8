// queue-lab experiment claim-race on a real PostgreSQL server (a throwaway
// cluster; fails, never skips, when it cannot start) and SQLite, with real
// worker processes and small numbers: one measured point per (strategy,
// worker count), each with a positive throughput, and the chart drawn from
// them. The curves' shape is not asserted: 2 shared cores cannot show it (the
// measured figures are in bench/RESULTS.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '../../../helpers/postgres-cluster.ts';
import { cli, makeSandbox, type Sandbox } from '../../cli/cli-helpers.ts';

let cluster: PostgresCluster;
let box: Sandbox;
beforeAll(async () => {
  cluster = await startPostgresCluster({ database: 'claim_race' });
  box = makeSandbox('claim-race');
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  box?.cleanup();
});

describe('queue-lab experiment claim-race', () => {
  it('measures one point per (strategy, workers) with positive throughput and charts them', () => {
    const out = join(box.dir, 'race.html');
    const r = cli(box, ['experiment', 'claim-race', '--db', cluster.url, '--workers', '1,2', '--jobs', '60', '--job-ms', '1', '--json', '--out', out], { timeoutMs: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { points: { strategy: string; workers: number; jobsPerSecond: number; runId: string }[] };
    expect(result.points.map((p) => `${p.strategy}x${p.workers}`)).toEqual(['skipLockedx1', 'skipLockedx2', 'forUpdatex1', 'forUpdatex2', 'sqlitex1', 'sqlitex2']);
    for (const p of result.points) expect(p.jobsPerSecond, `${p.strategy} x${p.workers}`).toBeGreaterThan(0);
    expect(new Set(result.points.map((p) => p.runId)).size).toBe(6);
    const html = readFileSync(out, 'utf8');
    expect(html.match(/<path class="series"/g)).toHaveLength(3);
    expect(html).toContain('PostgreSQL FOR UPDATE SKIP LOCKED');
    expect(html).toContain('SQLite BEGIN IMMEDIATE');
  }, 150_000);

  it('bad input: a PostgreSQL strategy without a server, an unknown experiment or strategy: one line, exit 2', () => {
    const noServer = cli(box, ['experiment', 'claim-race', '--strategies', 'skipLocked']);
    expect(noServer.status).toBe(2);
    expect(noServer.stderr).toMatch(/skipLocked and forUpdate run on PostgreSQL: give --db postgres:/);
    const unknown = cli(box, ['experiment', 'claim-rase']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/the built-in experiments are: claim-race \(got "claim-rase"\)/);
    const badStrategy = cli(box, ['experiment', 'claim-race', '--strategies', 'nolock']);
    expect(badStrategy.status).toBe(2);
    expect(badStrategy.stderr).toMatch(/--strategies: expected some of skipLocked, forUpdate, sqlite, got "nolock"/);
  }, 60_000);
});
