// A throwaway PostgreSQL cluster for the tests that need a real server: initdb
// in a temporary folder, its own free port on 127.0.0.1 and its own unix-socket
// folder, stopped and removed at the end. Tests that need it FAIL when it
// cannot start (startPostgresCluster throws with the server's log); they never
// skip. Binaries: QUEUE_LAB_PG_BIN, else the newest /usr/lib/postgresql/*/bin
// (Debian's `postgresql` package, which .ci/run installs when missing).
//
// PostgreSQL refuses to run as root, so as root every server command runs as
// the `postgres` user (`runuser -u postgres --`) on a data folder it owns; as
// anyone else it runs directly.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A role that must log in with a password (the wrong-credentials tests). */
export const PASSWORD_USER = { user: 'queue_lab_pw', password: 'right-password' } as const;

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/DATABASE: trust auth, the database created. */
  readonly url: string;
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly database: string;
  /** The superuser's name (trust auth on 127.0.0.1). */
  readonly user: string;
  readonly dataDir: string;
  readonly socketDir: string;
  /** The URL of another database on this server (created with createDatabase or not). */
  urlFor(database: string, credentials?: { user: string; password?: string }): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** pg_ctl restart (fast shutdown: open connections are cut), waiting until it accepts connections again. */
  restart(): Promise<void>;
  /** Stops the server, keeping its files (start() brings it back). */
  stopServer(): Promise<void>;
  start(): Promise<void>;
  /** The server's log so far (for a failing test's message). */
  log(): string;
  /** Stops the server and removes every file of the cluster. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** The database created for the tests; default `queue_lab_test`. */
  database?: string;
}

/** The folder holding initdb and pg_ctl. Throws naming what was looked for. */
export function postgresBinDir(): string {
  const fromEnv = process.env.QUEUE_LAB_PG_BIN;
  if (fromEnv) {
    if (!existsSync(join(fromEnv, 'initdb'))) throw new Error(`QUEUE_LAB_PG_BIN=${fromEnv} has no initdb`);
    return fromEnv;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error('PostgreSQL is not installed: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql, or set QUEUE_LAB_PG_BIN)');
  }
  return join(root, versions[0]!, 'bin');
}

const asRoot = process.getuid?.() === 0;

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** argv for a server binary, as the postgres user when we are root. */
function serverCommand(bin: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// Clusters still running when the process exits (a crashed test file) are
// stopped synchronously, so no postgres is left behind.
const live = new Set<{ stopNow(): void }>();
process.once('exit', () => {
  for (const cluster of live) cluster.stopNow();
});

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const binDir = postgresBinDir();
  const database = options.database ?? 'queue_lab_test';
  const root = mkdtempSync(join(tmpdir(), 'queue-lab-pg-'));
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  const logFile = join(root, 'server.log');
  mkdirSync(dataDir, { mode: 0o700 });
  mkdirSync(socketDir, { mode: 0o755 });
  writeFileSync(logFile, '');
  if (asRoot) {
    const { uid, gid } = postgresIds();
    for (const path of [root, dataDir, socketDir, logFile]) chownSync(path, uid, gid);
  }
  const pgCtl = join(binDir, 'pg_ctl');
  const readLog = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const server = async (bin: string, args: string[], what: string): Promise<void> => {
    const [command, argv] = serverCommand(bin, args);
    try {
      await run(command, argv, { timeout: 60_000 });
    } catch (error) {
      const err = error as { stderr?: string; message: string };
      throw new Error(`PostgreSQL could not ${what}: ${(err.stderr ?? err.message).trim()}\n--- server log ---\n${readLog().slice(-2000)}`);
    }
  };
  const pgCtlArgs = (...args: string[]): string[] => ['-D', dataDir, '-l', logFile, '-w', '-t', '30', ...args];
  const removeFiles = (): void => rmSync(root, { recursive: true, force: true });

  try {
    // -N: no fsync while creating the files; the cluster is thrown away anyway.
    await server(join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '-N'], 'initialise a cluster');
  } catch (error) {
    removeFiles();
    throw error;
  }
  const port = await freePort();
  // Settings go in the cluster's own files so restart() keeps them. Speed over
  // durability: this data lives for one test file.
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${socketDir}'`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'max_connections = 200',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dataDir, 'pg_hba.conf'),
    [
      'local all all trust',
      `host all ${PASSWORD_USER.user} 127.0.0.1/32 scram-sha-256`,
      'host all all 127.0.0.1/32 trust',
      '',
    ].join('\n'),
  );

  const stopSync = (): void => {
    const [command, argv] = serverCommand(pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop']);
    try {
      execFileSync(command, argv, { stdio: 'ignore', timeout: 30_000 });
    } catch {
      // not running
    }
    removeFiles();
  };
  const entry = { stopNow: stopSync };
  live.add(entry);

  const host = '127.0.0.1' as const;
  const urlFor = (db: string, credentials?: { user: string; password?: string }): string => {
    const user = encodeURIComponent(credentials?.user ?? 'postgres');
    const password = credentials?.password === undefined ? '' : `:${encodeURIComponent(credentials.password)}`;
    return `postgres://${user}${password}@${host}:${port}/${encodeURIComponent(db)}`;
  };
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: urlFor('postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  try {
    await server(pgCtl, pgCtlArgs('start'), `start on port ${port}`);
    await admin(`CREATE DATABASE ${database}`);
    await admin(`CREATE ROLE ${PASSWORD_USER.user} LOGIN PASSWORD '${PASSWORD_USER.password}'`);
    await admin(`GRANT ALL ON DATABASE ${database} TO ${PASSWORD_USER.user}`);
  } catch (error) {
    live.delete(entry);
    stopSync();
    throw error;
  }

  let stopped = false;
  return {
    url: urlFor(database),
    host,
    port,
    database,
    user: 'postgres',
    dataDir,
    socketDir,
    urlFor,
    async createDatabase(name) {
      await admin(`CREATE DATABASE ${name}`);
      return urlFor(name);
    },
    restart: () => server(pgCtl, pgCtlArgs('-m', 'fast', 'restart'), 'restart'),
    stopServer: () => server(pgCtl, ['-D', dataDir, '-w', '-m', 'fast', 'stop'], 'stop'),
    start: () => server(pgCtl, pgCtlArgs('start'), 'start again'),
    log: readLog,
    async stop() {
      if (stopped) return;
      stopped = true;
      live.delete(entry);
      stopSync();
    },
  };
}
