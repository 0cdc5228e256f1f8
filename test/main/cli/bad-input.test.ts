// Bad input a user really hands the CLI: a database another process holds, a
// read-only or corrupt file, a folder, an absurd scenario, a broken file.
// Each must end in a short error (exit 2, or 1 when the run itself could not
// happen), never a stack trace, and must leave the user's files as they were.
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { cli, count, fixture, inspectDb, makeSandbox, REPO, sha256File, STACK_LINE, type CliOptions, type CliResult, type Sandbox } from './cli-helpers.ts';
import { builtCliForNobody, NOBODY } from '../../helpers/as-nobody.ts';

let box: Sandbox;
/** A lab database holding one completed full run: the "earlier work" every case must keep intact. */
let preparedDb: string;
let preparedRun: { id: string; jobs: number; events: number };

beforeAll(() => {
  box = makeSandbox('bad-input');
  preparedDb = join(box.dir, 'prepared.db');
  const r = cli(box, ['run', fixture('retrying.yaml'), '--json', '--db', preparedDb]);
  expect(r.status, r.stderr).toBe(0);
  const s = JSON.parse(r.stdout) as { run_id: string; jobs: { total: number }; events: number };
  preparedRun = { id: s.run_id, jobs: s.jobs.total, events: s.events };
  // Closing the last connection checkpoints the WAL: the .db file alone is the whole database.
  expect(existsSync(`${preparedDb}-wal`)).toBe(false);
});
afterAll(() => box.cleanup());

/** A copy of the prepared database under a new name, in a folder of its own. */
function copyOfPrepared(name: string): string {
  const folder = join(box.dir, name);
  mkdirSync(folder);
  const file = join(folder, 'lab.db');
  copyFileSync(preparedDb, file);
  return file;
}

/** maxLines: a header plus its errors; one problem should take one or two lines. */
function expectShortError(r: CliResult, code: number, maxLines = 3): void {
  expect(r.status, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
  expect(r.stderr).not.toMatch(STACK_LINE);
  const lines = r.stderr.trim().split('\n').filter((l) => l.trim() !== '');
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.length).toBeLessThanOrEqual(maxLines);
  expect(r.stdout).toBe('');
}

function expectPreparedRunIntact(file: string): void {
  inspectDb(file, (d) => {
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(d.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(preparedRun.id)).toBe('completed');
    expect(count(d, 'SELECT count(*) FROM jobs WHERE run_id = ?', preparedRun.id)).toBe(preparedRun.jobs);
    expect(count(d, 'SELECT count(*) FROM events WHERE run_id = ?', preparedRun.id)).toBe(preparedRun.events);
  });
}

describe('the database', () => {
  it('(a) locked by another writer: waits the 5 s busy timeout, exits 1 saying it is locked, corrupts nothing', async () => {
    const file = copyOfPrepared('locked');
    // The holder takes the write lock, writes a row inside its open
    // transaction, says "ready", and commits ~8 s later.
    const holderScript = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.exec('BEGIN IMMEDIATE');
      db.prepare("INSERT INTO runs (id, num, scenario, scenario_json, mode, seed, status, created_at) VALUES ('lockhold', (SELECT COALESCE(MAX(num), 0) + 1 FROM runs), 'lock holder', '{}', 'instant', 0, 'completed', ?)").run(new Date().toISOString());
      process.stdout.write('ready\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, 8000);
    `;
    const holder = spawn(process.execPath, ['-e', holderScript, file], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let holderErr = '';
    holder.stderr.on('data', (c: Buffer) => (holderErr += c.toString()));
    const exited = new Promise<number | null>((resolve) => holder.on('close', (c) => resolve(c)));
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        holder.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('ready')) resolve();
        });
        holder.on('close', () => reject(new Error(`lock holder exited before ready: ${holderErr}`)));
      });

      const r = cli(box, ['run', fixture('retrying.yaml'), '--json', '--db', file]);
      expectShortError(r, 1);
      expect(r.stderr).toMatch(/locked/i);
      expect(r.ms).toBeGreaterThan(4500); // it waited for the lock before giving up
      expect(r.ms).toBeLessThan(8000); // and gave up before the holder let go
    } finally {
      const code = await exited;
      expect(code, holderErr).toBe(0);
    }
    // The holder's commit went through; the refused run left no row; the earlier run is whole.
    expectPreparedRunIntact(file);
    inspectDb(file, (d) => {
      const ids = d.prepare('SELECT id FROM runs ORDER BY num').pluck().all();
      expect(ids).toEqual([preparedRun.id, 'lockhold']);
    });
  }, 30_000);

  it('(b) a read-only file: a clear "read-only" error, exit 2, the file unchanged', () => {
    const file = copyOfPrepared('readonly');
    chmodSync(join(box.dir, 'readonly'), 0o777); // the folder stays writable: only the file is read-only
    chmodSync(file, 0o444);
    const before = sha256File(file);
    let writable: boolean;
    try {
      accessSync(file, constants.W_OK);
      writable = true;
    } catch {
      writable = false;
    }
    const isRoot = process.getuid?.() === 0;

    if (writable && isRoot) {
      // root ignores mode bits: chmod 444 does not make the file read-only for
      // it. What root gets is a normal run (checked on a copy, so the real
      // case below still starts from the prepared bytes). The read-only case
      // itself is then produced honestly by running the CLI as "nobody"
      // (uid 65534), for whom the 444 file really is read-only.
      const rootCopy = join(box.dir, 'readonly', 'root-copy.db');
      copyFileSync(file, rootCopy);
      chmodSync(rootCopy, 0o444);
      const asRoot = cli(box, ['run', fixture('retrying.yaml'), '--json', '--db', rootCopy]);
      expect(asRoot.status, asRoot.stderr).toBe(0);
      inspectDb(rootCopy, (d) => expect(count(d, 'SELECT count(*) FROM runs')).toBe(2));
    } else {
      expect(writable, 'chmod 444 should make the file read-only for a non-root user').toBe(false);
    }

    let asUser: CliOptions = {};
    let scenario = fixture('retrying.yaml');
    if (isRoot) {
      // "nobody" must reach the file, the scenario and the CLI, wherever the checkout sits.
      chmodSync(box.dir, 0o711); // mkdtemp makes the sandbox 0700
      scenario = join(box.dir, 'readonly', 'retrying.yaml');
      copyFileSync(fixture('retrying.yaml'), scenario);
      const copy = builtCliForNobody();
      onTestFinished(copy.cleanup);
      asUser = { ...NOBODY, bin: copy.bin, cwd: copy.dir };
    }
    const r = cli(box, ['run', scenario, '--json', '--db', file], asUser);
    expectShortError(r, 2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/read-only|readonly/i);
    // A read-only database is the user's input to fix, not a failed run.
    expect(r.stderr).not.toMatch(/the run failed/);
    expect(sha256File(file)).toBe(before);
    expectPreparedRunIntact(file);
  });

  it('(c) a corrupt file (random bytes, or a truncated database): exit 2, "not a database / corrupt", byte-for-byte unchanged', () => {
    const folder = join(box.dir, 'corrupt');
    mkdirSync(folder);
    const random = join(folder, 'random.db');
    writeFileSync(random, randomBytes(4096));
    const truncated = join(folder, 'truncated.db');
    copyFileSync(preparedDb, truncated);
    const size = readFileSync(truncated).length;
    expect(size).toBeGreaterThan(64 * 1024);
    truncateSync(truncated, Math.floor(size / 2));

    for (const file of [random, truncated]) {
      const before = sha256File(file);
      const r = cli(box, ['run', fixture('retrying.yaml'), '--json', '--db', file]);
      expectShortError(r, 2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(/not a (queue lab )?database|corrupt|malformed/i);
      expect(sha256File(file), file).toBe(before);
    }
    // No journal, WAL or shared-memory file was left next to them.
    expect(readdirSync(folder).sort()).toEqual(['random.db', 'truncated.db']);
  });

  it('(d) a directory passed as --db: exit 2', () => {
    const folder = join(box.dir, 'a-folder');
    mkdirSync(folder);
    const r = cli(box, ['run', fixture('retrying.yaml'), '--db', folder]);
    expectShortError(r, 2);
    expect(r.stderr).toContain(folder);
    expect(r.stderr).toMatch(/directory|folder/i);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('(g) a --db path in a folder that does not exist: exit 2 with a clear message, nothing created', () => {
    const missing = join(box.dir, 'no-such-folder', 'lab.db');
    const r = cli(box, ['run', fixture('retrying.yaml'), '--db', missing]);
    expectShortError(r, 2);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toMatch(/folder|directory/i);
    expect(r.stderr).toMatch(/exist/i);
    expect(existsSync(join(box.dir, 'no-such-folder'))).toBe(false);
  });
});

describe('the scenario', () => {
  it('(e) count 1e12 is refused at once, naming producers[0].count, without allocating anything', () => {
    const file = join(box.dir, 'huge.db');
    const r = cli(box, ['run', fixture('huge-count.yaml'), '--json', '--db', file]);
    expectShortError(r, 2);
    expect(r.stderr).toMatch(/producers\[0\]\.count: /);
    expect(r.ms).toBeLessThan(5000);
    expect(existsSync(file)).toBe(false);
  });

  it('(f) a directory, a missing file, binary garbage, a YAML and a JSON syntax error: every one reported, exit 2', () => {
    const folder = join(box.dir, 'scenario-folder.yaml');
    mkdirSync(folder);
    const missing = join(box.dir, 'missing.yaml');
    const binary = join(box.dir, 'garbage.yaml');
    // Not UTF-8 (0xff and 0xfe never appear in UTF-8), as a database or an image would be.
    writeFileSync(binary, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]), randomBytes(2048)]));
    const yamlError = fixture('yaml-syntax-error.yaml');
    const jsonError = fixture('json-syntax-error.json');

    const r = cli(box, ['validate', folder, missing, binary, yamlError, jsonError]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const err = r.stderr;
    expect(err).toMatch(new RegExp(`${escape(folder)}.*\\n.*is a directory`));
    expect(err).toMatch(new RegExp(`${escape(missing)}.*\\n.*(not found|no such file|does not exist)`, 'i'));
    expect(err).toMatch(new RegExp(`${escape(binary)}.*\\n.*(not a UTF-8|binary|not a text)`, 'i'));
    expect(err).toMatch(new RegExp(`${escape(yamlError)}.*\\n.*line \\d+`));
    expect(err).toMatch(new RegExp(`${escape(jsonError)}.*\\n.*line 3`));
    // The YAML error names the line where the mistake is (the over-indented "concurrency", line 4,
    // or the mapping it breaks, line 3), not just "invalid file".
    const yamlPart = err.slice(err.indexOf(yamlError), err.indexOf(jsonError));
    expect(yamlPart).toMatch(/line [34]\b/);

    // `run` reports the same way and runs nothing.
    const db = join(box.dir, 'syntax.db');
    const run = cli(box, ['run', yamlError, '--db', db]);
    expectShortError(run, 2, 5); // the YAML parser reports up to 3 errors for this one slip
    expect(run.stderr).toMatch(/line [34]\b/);
    expect(existsSync(db)).toBe(false);
  });

  it('(f) an empty YAML file is the default scenario and runs fine', () => {
    const db = join(box.dir, 'empty.db');
    const r = cli(box, ['run', fixture('empty.yaml'), '--json', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as { jobs: { total: number; succeeded: number }; event_log_sha256: string };
    expect(s.jobs.total).toBeGreaterThan(0);
    expect(s.jobs.succeeded).toBe(s.jobs.total);
    inspectDb(db, (d) => expect(count(d, `SELECT count(*) FROM runs WHERE status = 'completed'`)).toBe(1));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
