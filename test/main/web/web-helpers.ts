// A real lab file in a temp folder, web hosts on ephemeral ports, and a
// live-ish ActiveRun (a run row, its store and a clock the test moves) so
// the REST endpoints can be driven without worker processes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../../src/main/engine/store/open-database.ts';
import { SqliteQueueStore } from '../../../src/main/engine/store/queue-store.ts';
import type { ActiveRun } from '../../../src/main/web/active-run.ts';
import { startWebHost, type WebHost, type WebHostOptions } from '../../../src/main/web/web-host.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { validateScenario } from '../../../src/shared/scenario/validate.ts';

const cleanups: (() => Promise<void> | void)[] = [];

/** For afterEach: closes hosts and connections, deletes temp files, last opened first. */
export async function cleanUp(): Promise<void> {
  for (const clean of cleanups.splice(0).reverse()) await clean();
}

export function onCleanUp(clean: () => Promise<void> | void): void {
  cleanups.push(clean);
}

export function tempLabFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'queue-lab-web-'));
  onCleanUp(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'lab.db');
}

export function openLab(file: string): DB {
  const db = openDatabase(file);
  onCleanUp(() => {
    if (db.open) db.close();
  });
  return db;
}

export async function startHost(options: Partial<WebHostOptions> = {}): Promise<WebHost & { dbFile: string; lines: string[] }> {
  const dbFile = options.dbFile ?? tempLabFile();
  const lines: string[] = [];
  const host = await startWebHost({ pollMs: 20, log: (line) => lines.push(line), ...options, dbFile });
  onCleanUp(() => host.close());
  return Object.assign(host, { dbFile, lines });
}

export const LIVE_SCENARIO: ScenarioInput = {
  name: 'rest test',
  seed: 9,
  queues: [{ name: 'default', priority: 10 }, { name: 'high', priority: 1 }],
  jobTypes: { email: {}, report: { retry: { maxAttempts: 4 } } },
  producers: [{ queue: 'high', jobType: 'report', count: 0 }],
  retry: { maxAttempts: 2 },
};

export interface TestRun extends ActiveRun {
  store: SqliteQueueStore;
  db: DB;
  /** The scenario clock the endpoints read. */
  t: number;
}

/** A live run as the live runner would hand it over: a run row, a store on its own connection, a clock. */
export function liveRun(dbFile: string, runId = 'live-1', scenario: ScenarioInput = LIVE_SCENARIO): TestRun {
  const checked = validateScenario(scenario);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const db = openLab(dbFile);
  const store = new SqliteQueueStore(db, runId);
  store.createRun({ id: runId, scenario: checked.scenario.name, scenarioJson: JSON.stringify(checked.scenario), mode: 'live', seed: checked.scenario.seed });
  const run: TestRun = {
    runId, store, db, scenario: checked.scenario, t: 0,
    now: () => run.t,
  };
  return run;
}

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function eventually<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
