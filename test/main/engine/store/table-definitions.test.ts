// The one definition of each table (src/shared/tables) against the tables
// the migrations create: the same tables, the same columns, so a row type,
// a SELECT list or the recorder's INSERT derived from a definition names
// exactly the file's columns.
import { afterEach, describe, expect, it } from 'vitest';
import { COLUMNS } from '../../../../src/main/engine/recorder/table-columns.ts';
import { LAB_TABLES } from '../../../../src/shared/tables/index.ts';
import { cleanup, tempDb } from '../instant/run-helpers.ts';

afterEach(cleanup);

describe('table definitions', () => {
  it('define every column of every table the SQLite migrations create, and no other', () => {
    const { db } = tempDb();
    const inFile = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'sweep%' ORDER BY name")
      .pluck()
      .all() as unknown as string[];
    expect(LAB_TABLES.map((t) => t.name).sort()).toEqual(inFile);
    for (const table of LAB_TABLES) {
      const columns = db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table.name}')`).pluck().all() as unknown as string[];
      expect(Object.values(table.columns).map((c) => c.sql).sort(), table.name).toEqual([...columns].sort());
    }
  });

  it('give the recorder column lists that are columns of their tables, in the tables\' order', () => {
    for (const [name, written] of Object.entries(COLUMNS)) {
      const table = LAB_TABLES.find((t) => t.name === name)!;
      const order = Object.values(table.columns).map((c) => c.sql);
      expect(written.every((c) => order.includes(c)), name).toBe(true);
      expect([...written].sort((a, b) => order.indexOf(a) - order.indexOf(b)), name).toEqual(written);
    }
    expect(COLUMNS.jobs).toContain('draw_key');
    expect(COLUMNS.events.slice(-2)).toEqual(['outcome', 'reason']);
  });
});
