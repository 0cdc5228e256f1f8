// Opens a live run's store where a worker process (or `queue-lab worker`)
// finds it: a SQLite file path, or a postgres:// URL. The PostgreSQL client is
// loaded only for a URL, so a SQLite worker starts as fast as before.
import { openDatabase } from '../store/open-database.ts';
import type { ClaimStrategy } from '../store/postgres/claim.ts';
import { isPostgresUrl, redactPostgresUrl } from '../store/postgres/postgres-url.ts';
import type { LiveStore } from './live-store.ts';
import { SqliteLiveStore } from './sqlite-live-store.ts';

export { isPostgresUrl };

export interface OpenLiveStoreOptions {
  /** PostgreSQL only: how claims lock rows (the claim-race lesson); SQLite always claims under BEGIN IMMEDIATE. */
  claimStrategy?: ClaimStrategy;
}

export async function openLiveStore(location: string, runId: string, options: OpenLiveStoreOptions = {}): Promise<LiveStore> {
  if (isPostgresUrl(location)) {
    const { openPgLiveStore } = await import('./pg-live-store.ts');
    return openPgLiveStore(location, runId, { claimStrategy: options.claimStrategy });
  }
  return new SqliteLiveStore(openDatabase(location), runId);
}

/** A database location fit for a log line: a URL's password is replaced by ***. */
export function redactUrl(location: string): string {
  return isPostgresUrl(location) ? redactPostgresUrl(location) : location;
}
