// Writes batches on the calling thread: for small runs, and where a worker
// thread cannot start.
import type { DB } from '../store/open-database.ts';
import type { RowBatch } from './row-batch.ts';
import type { BatchSink } from './sqlite-recorder.ts';
import { SqliteWriter } from './sqlite-writer.ts';

export class InlineSink implements BatchSink {
  private readonly writer: SqliteWriter;

  constructor(db: DB) {
    this.writer = new SqliteWriter(db);
  }

  send(batch: RowBatch): void {
    this.writer.write(batch);
  }

  finish(): void {
    this.writer.commit();
  }

  abort(): void {
    this.writer.rollback();
  }
}
