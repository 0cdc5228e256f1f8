// The PostgreSQL store passes the same QueueStore conformance suite as the
// SQLite store, on a real throwaway cluster (a test fails if it cannot start).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { openPostgres } from '../../../../src/main/engine/store/postgres/open-postgres.ts';
import { PostgresQueueStore } from '../../../../src/main/engine/store/postgres/postgres-queue-store.ts';
import { startPostgresCluster, type PostgresCluster } from '../../../helpers/postgres-cluster.ts';
import { describeStoreConformance } from './store-conformance.ts';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

for (const claimStrategy of ['skipLocked', 'forUpdate'] as const) {
  describeStoreConformance(`PostgreSQL (${claimStrategy})`, async () => {
    const db = await openPostgres(cluster.url, { max: 2 });
    const runId = randomUUID().slice(0, 8);
    const store = new PostgresQueueStore(db, runId, { claimStrategy });
    await store.createRun({ id: runId, scenario: 'store test', scenarioJson: '{}', mode: 'live', seed: 42 });
    return { store, close: () => db.close() };
  });
}
