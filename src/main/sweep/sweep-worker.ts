// A sweep's worker process: runs the instant runs it is sent, one at a time,
// and answers each with its summary. Instant runs are CPU-bound and
// synchronous, so parallelism comes from processes, one per core.
import type { Scenario } from '../../shared/scenario/schema.ts';
import { runInstant } from '../engine/run-instant.ts';
import { openDatabase, type DB } from '../engine/store/open-database.ts';

interface RunMessage {
  type: 'run';
  index: number;
  scenario: Scenario;
}

const dbFile = process.env.QUEUE_LAB_SWEEP_DB;
const store = process.env.QUEUE_LAB_SWEEP_STORE === 'full' ? 'full' : 'none';
let db: DB | undefined;

process.on('message', (m: RunMessage) => {
  if (m?.type !== 'run') return;
  try {
    if (dbFile && !db) db = openDatabase(dbFile);
    const summary = runInstant(m.scenario, db ? { db, store } : { store: 'none' });
    process.send?.({ type: 'done', index: m.index, summary });
  } catch (error) {
    process.send?.({ type: 'failed', index: m.index, message: error instanceof Error ? error.message : String(error) });
  }
});
process.on('disconnect', () => {
  db?.close();
  process.exit(0);
});
process.send?.({ type: 'ready' });
