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

  /** Adds the row that starts at `from` in a flat array of values. */
  addRow(values: readonly unknown[], from: number): void {
    for (let i = 0; i < this.width; i++) this.buffer.push(values[from + i]);
    if (this.buffer.length >= ROWS * this.width) {
      this.many.run(this.buffer);
      this.buffer.length = 0;
    }
  }

  flush(): void {
    for (let i = 0; i < this.buffer.length; i += this.width) this.one.run(this.buffer.slice(i, i + this.width));
    this.buffer.length = 0;
  }
}
