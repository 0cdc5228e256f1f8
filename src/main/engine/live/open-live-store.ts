// Opens a live run's store where a worker process (or `queue-lab worker`)
// finds it: a SQLite file path, or a postgres:// URL. The PostgreSQL client is
// loaded only for a URL, so a SQLite worker starts as fast as before.
import { StoreError, openDatabase } from '../store/open-database.ts';
import type { LiveStore } from './live-store.ts';
import { SqliteLiveStore } from './sqlite-live-store.ts';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

export async function openLiveStore(location: string, runId: string): Promise<LiveStore> {
  if (isPostgresUrl(location)) throw new StoreError('live mode on PostgreSQL is not available in this build', 2);
  return new SqliteLiveStore(openDatabase(location), runId);
}

/** A database location fit for a log line: a URL's password is replaced by ***. */
export function redactUrl(location: string): string {
  return isPostgresUrl(location) ? location.replace(/^(\w+:\/\/[^:/@]*):[^@]*@/, '$1:***@') : location;
}
