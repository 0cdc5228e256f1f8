// Opening a lab database: the one place that turns SQLite's failure modes
// (a directory, a read-only file, a corrupt file, another writer holding the
// lock, a file from a newer Queue Lab) into errors a student can act on.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';
import { abiMismatchHint, sqliteNativeBinding } from './native-binding.ts';

export type DB = Database.Database;

/** A failure the user can fix. exitCode follows the CLI: 2 bad input, 1 run failed. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface OpenOptions {
  /** How long to wait for another process's write lock, in ms. */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): DB {
  if (file !== ':memory:' && existsSync(file) && statSync(file).isDirectory()) {
    throw new StoreError(`${file} is a directory; --db expects a SQLite file path`, 2);
  }
  let db: DB;
  try {
    // Under Electron, the Electron-ABI copy of the binary (native-binding.ts).
    const nativeBinding = sqliteNativeBinding();
    db = new Database(file, { readonly: options.readonly ?? false, timeout: options.busyTimeoutMs ?? 5000, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    const hint = abiMismatchHint(error);
    if (hint) throw new StoreError(hint, 1);
    throw explain(error, file);
  }
  try {
    if (!options.readonly) db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives an app crash; only
    // an OS crash or power loss can roll back the last few commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 64 MB of page cache: index maintenance of a million-job run stays in memory.
    db.pragma('cache_size = -65536');
    migrate(db, file, options.readonly ?? false);
    if (!options.readonly) markInterruptedRuns(db);
    return db;
  } catch (error) {
    db.close();
    throw explain(error, file);
  }
}

function migrate(db: DB, file: string, readonly: boolean): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new StoreError(
      `${file} was written by a newer Queue Lab (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade Queue Lab`,
      2,
    );
  }
  if (version === SCHEMA_VERSION) return;
  if (readonly) throw new StoreError(`${file} needs a schema upgrade but was opened read-only`, 2);
  const upgrade = db.transaction(() => {
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  upgrade.immediate();
}

/** A run left `running` by a process that no longer exists was interrupted by a crash. */
function markInterruptedRuns(db: DB): void {
  const running = db.prepare(`SELECT id, owner_pid FROM runs WHERE status = 'running'`).all() as {
    id: string;
    owner_pid: number | null;
  }[];
  const mark = db.prepare(`UPDATE runs SET status = 'interrupted', error = ? WHERE id = ? AND status = 'running'`);
  for (const run of running) {
    if (run.owner_pid !== null && isAlive(run.owner_pid)) continue;
    mark.run('the process running it stopped before the run finished', run.id);
  }
}

export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function explain(error: unknown, file: string): Error {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || /database is locked/.test(message)) {
    return new StoreError(`${file} is locked by another process (it holds the write lock); try again when it finishes`, 1);
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/.test(message)) {
    return new StoreError(`${file} is not a Queue Lab database or is corrupt (${message}); nothing was written`, 2);
  }
  if (code.startsWith('SQLITE_READONLY') || /readonly|read-only/.test(message)) {
    return new StoreError(`${file} is read-only; pass a writable file with --db`, 2);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || /unable to open|directory does not exist/.test(message)) {
    return new StoreError(`cannot open ${file} (${message}); check that its folder exists and is writable`, 2);
  }
  return error instanceof Error ? error : new Error(message);
}
