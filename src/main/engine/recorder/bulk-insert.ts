// Multi-row INSERTs: one statement carrying ROWS rows costs about what one
// single-row statement costs in better-sqlite3's call overhead, which is
// where a stored instant run spends much of its time. Callers push a row's
// values straight into `values` (no intermediate row array) and then call
// rowDone().
import type { Statement } from 'better-sqlite3';
import type { DB } from '../store/open-database.ts';

const ROWS = 64;

export class BulkInsert {
  readonly values: unknown[] = [];
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly full: number;

  constructor(
    db: DB,
    table: string,
    private readonly columns: readonly string[],
  ) {
    this.full = ROWS * columns.length;
    const row = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.one = db.prepare(head + row);
    this.many = db.prepare(head + Array.from({ length: ROWS }, () => row).join(', '));
  }

  rowDone(): void {
    if (this.values.length < this.full) return;
    this.many.run(this.values);
    this.values.length = 0;
  }

  flush(): void {
    const width = this.columns.length;
    for (let i = 0; i < this.values.length; i += width) this.one.run(this.values.slice(i, i + width));
    this.values.length = 0;
  }
}
