// CSV export and spreadsheet formulas (issue 10): payloads, errors, keys
// and names come from users, and a spreadsheet runs a cell that begins with
// = + - @ (or tab / CR) as a formula. Such text cells are written with a
// leading apostrophe; numbers, negative ones included, stay numbers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/engine/store/open-database.ts';
import { SqliteQueueStore } from '../../../src/main/engine/store/queue-store.ts';
import { csvField, exportCsv } from '../../../src/main/report/csv-export.ts';
import { sqliteRunReads } from '../../../src/main/engine/store/reads/sqlite-run-reads.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('csvField: formula injection', () => {
  it('text starting with = + - @ tab or CR gets a leading apostrophe; numbers never do', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvField('+SUM(A1:A9)')).toBe("'+SUM(A1:A9)");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(-0)).toBe('0');
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('')).toBe('');
  });

  it('an exported run: user text neutralised in jobs.csv and attempts.csv, negative numbers kept', async () => {
    dir = mkdtempSync(join(tmpdir(), 'queue-lab-csv-'));
    const db = openDatabase(join(dir, 'lab.db'));
    try {
      const store = new SqliteQueueStore(db, 'r1');
      store.createRun({ id: 'r1', scenario: '=evil name', scenarioJson: '{}', mode: 'live', seed: 1 });
      const { jobId } = store.enqueue({
        queue: 'default', type: 'work', payload: '=cmd|" /C calc"!A0', priority: -5, maxAttempts: 1, now: 0, delay: 0, idempotencyKey: '@key',
      }) as { jobId: number };
      const claim = store.claim({ worker: 'w1', queues: ['default'], now: 1, leaseSeconds: 30 })!;
      expect(claim.jobId).toBe(jobId);
      store.fail(jobId, 'w1', claim.attempt, { outcome: 'failed', error: '+SUM(1,2)', now: 2, retry: null });
      await exportCsv(sqliteRunReads(db), 'r1', dir);
    } finally {
      db.close();
    }
    const jobs = readFileSync(join(dir, 'jobs.csv'), 'utf8').split('\r\n');
    const header = jobs[0]!.split(',');
    const row = jobs[1]!;
    expect(row).toContain(`"'=cmd|"" /C calc""!A0"`);
    expect(row).toContain("'@key");
    expect(row).toContain("'+SUM(1,2)");
    expect(row.split(',')[header.indexOf('priority')]).toBe('-5');
    const attempts = readFileSync(join(dir, 'attempts.csv'), 'utf8');
    expect(attempts).toContain("'+SUM(1,2)");
    expect(attempts).not.toMatch(/,\+SUM/);
  });
});
