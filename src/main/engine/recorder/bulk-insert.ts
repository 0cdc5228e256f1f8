// Multi-row INSERTs: one statement carrying ROWS rows costs about what one
// single-row statement costs in better-sqlite3's call overhead, which is
// where a stored instant run spends most of its time.
import type { Statement } from 'better-sqlite3';
import type { DB } from '../store/open-database.ts';

const ROWS = 64;

export class BulkInsert {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly buffer: unknown[] = [];
  private readonly width: number;

  constructor(db: DB, table: string, columns: readonly string[]) {
    this.width = columns.length;
    const row = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.one = db.prepare(head + row);
    this.many = db.prepare(head + Array.from({ length: ROWS }, () => row).join(', '));
  }

  /** Adds one row; its values in column order. Returns true when rows were written. */
  add(...values: unknown[]): boolean {
    for (const v of values) this.buffer.push(v);
    if (this.buffer.length < ROWS * this.width) return false;
    this.many.run(this.buffer);
    this.buffer.length = 0;
    return true;
  }

  flush(): void {
    for (let i = 0; i < this.buffer.length; i += this.width) this.one.run(this.buffer.slice(i, i + this.width));
    this.buffer.length = 0;
  }
}
