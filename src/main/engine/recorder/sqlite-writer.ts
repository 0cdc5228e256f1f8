// Writes row batches into the lab database: multi-row INSERTs, committed in
// transactions of CHUNK_ROWS. One transaction per row would be a thousand
// times slower; a crash still leaves every committed chunk intact (the run is
// then marked interrupted on the next open). Runs in the writer thread, or
// in-line where a thread is not worth it.
import type { Statement } from 'better-sqlite3';
import type { DB } from '../store/open-database.ts';
import { BulkInsert } from './bulk-insert.ts';
import { COLUMNS, TABLES, type RowBatch, type Table } from './row-batch.ts';

const CHUNK_ROWS = 200_000;

export class SqliteWriter {
  private readonly inserts: Record<Table, BulkInsert>;
  private readonly addCompletion: Statement;
  private readonly finishBatch: Statement;
  private rowsInChunk = 0;
  private open = false;

  constructor(private readonly db: DB) {
    this.inserts = Object.fromEntries(TABLES.map((t) => [t, new BulkInsert(db, t, COLUMNS[t])])) as Record<Table, BulkInsert>;
    this.addCompletion = db.prepare('UPDATE jobs SET completions = completions + 1 WHERE id = ?');
    this.finishBatch = db.prepare('UPDATE batches SET succeeded = ?, dead = ?, cancelled = ?, outcome = ?, finished_at = ? WHERE id = ?');
  }

  write(batch: RowBatch): void {
    if (!this.open) this.begin();
    for (const table of TABLES) {
      const values = batch.rows[table];
      const width = COLUMNS[table].length;
      const insert = this.inserts[table];
      for (let i = 0; i < values.length; i += width) insert.addRow(values, i);
    }
    if (batch.extraCompletions.length || batch.batchOutcomes.length) {
      this.flushInserts();
      for (const id of batch.extraCompletions) this.addCompletion.run(id);
      for (const b of batch.batchOutcomes) this.finishBatch.run(b.succeeded, b.dead, b.cancelled, b.outcome, b.t, b.id);
    }
    this.rowsInChunk += batch.count;
    if (this.rowsInChunk >= CHUNK_ROWS) this.commit();
  }

  commit(): void {
    if (!this.open) return;
    this.flushInserts();
    this.db.exec('COMMIT');
    this.open = false;
  }

  rollback(): void {
    if (this.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.open = false;
  }

  private flushInserts(): void {
    for (const table of TABLES) this.inserts[table].flush();
  }

  private begin(): void {
    this.db.exec('BEGIN IMMEDIATE');
    // Rows wait in per-table buffers, so an attempt may be written before its
    // job: check the references at COMMIT, when all are in.
    this.db.pragma('defer_foreign_keys = ON');
    this.open = true;
    this.rowsInChunk = 0;
  }
}
