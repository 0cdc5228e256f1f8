// What `--db` (and QUEUE_LAB_DB) means when it is a PostgreSQL URL rather
// than a SQLite file: postgres://user[:password]@host[:port]/dbname (or
// postgresql://). Checked here before any connection, so a typo gets one
// line naming what is wrong instead of a driver's stack trace. The password
// never appears in a message.
import { StoreError } from '../open-database.ts';

export const POSTGRES_URL_FORM = 'postgres://user[:password]@host[:port]/dbname';

/** True when --db names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value.trim());
}

/** The URL (of any scheme) with its password replaced by ***, for messages. */
export function redactPostgresUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/**
 * Checks the URL's form and returns where it points, as `host:port/dbname`
 * (or `socket DIR/dbname`), for messages. Throws a usage error (exit 2).
 */
export function describePostgresUrl(value: string): string {
  const bad = (problem: string) => new StoreError(`--db ${redactPostgresUrl(value)}: ${problem}; expected ${POSTGRES_URL_FORM}`, 2);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('not a valid URL');
  }
  if (!/^postgres(ql)?:$/i.test(url.protocol)) throw bad(`unknown scheme ${url.protocol}`);
  const socketHost = url.searchParams.get('host');
  if (url.hostname === '' && !socketHost) throw bad('no host');
  if (url.port !== '' && !(Number(url.port) >= 1 && Number(url.port) <= 65535)) throw bad(`port ${url.port} out of range`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '') throw bad('no database name');
  if (database.includes('/')) throw bad(`database name "${database}" contains a slash`);
  return url.hostname === '' ? `socket ${socketHost}/${database}` : `${url.hostname}:${url.port || '5432'}/${database}`;
}
