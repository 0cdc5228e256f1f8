// A sweep's worker process: runs the instant runs it is sent, one at a time,
// and answers each with its summary. Instant runs are CPU-bound and
// synchronous, so parallelism comes from processes, one per core. What it
// receives is validated (the message, then the scenario) before anything runs.
import { checkAgainst } from '../../shared/lab-api/check-params.ts';
import { toSweepWorkerSchema, type FromSweepWorker } from '../../shared/sweep/sweep-messages.ts';
import { validateScenario } from '../../shared/scenario/validate.ts';
import { runInstant } from '../engine/run-instant.ts';
import { openDatabase, type DB } from '../engine/store/open-database.ts';

const dbFile = process.env.QUEUE_LAB_SWEEP_DB;
const store = process.env.QUEUE_LAB_SWEEP_STORE === 'full' ? 'full' : 'none';
let db: DB | undefined;

const send = (message: FromSweepWorker): void => void process.send?.(message);

process.on('message', (raw: unknown) => {
  const m = checkAgainst(toSweepWorkerSchema, raw, 'message');
  if (!m.ok) return send({ type: 'failed', index: null, message: `the sweep worker got an invalid message: ${m.message}` });
  const { index } = m.data;
  const scenario = validateScenario(m.data.scenario);
  if (!scenario.ok) {
    const issues = scenario.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return send({ type: 'failed', index, message: `invalid scenario: ${issues}` });
  }
  try {
    if (dbFile && !db) db = openDatabase(dbFile);
    const summary = runInstant(scenario.scenario, db ? { db, store } : { store: 'none' });
    send({ type: 'done', index, summary });
  } catch (error) {
    send({ type: 'failed', index, message: error instanceof Error ? error.message : String(error) });
  }
});
process.on('disconnect', () => {
  db?.close();
  process.exit(0);
});
send({ type: 'ready' });
