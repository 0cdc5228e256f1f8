// One definition per table of the lab database: each column's SQL name and
// its zod type, under the field name the code uses. From it come the row
// type (RowOf), the zod schema the LabApi validates with, the SELECT list
// that reads rows straight into that type, and an INSERT's column list, so a
// column is named and typed in one place. Types are derived, not checked at
// run time: the stores and the recorder never parse rows with zod (instant
// mode writes millions).
import { z } from 'zod';

export interface Column<T extends z.ZodType = z.ZodType, S extends string = string> {
  /** The SQL column name (snake_case, part of the public contract). */
  readonly sql: S;
  readonly type: T;
}

export const column = <const S extends string, T extends z.ZodType>(sql: S, type: T): Column<T, S> => ({ sql, type });

type Columns = Record<string, Column>;
type ShapeOf<C extends Columns> = { [K in keyof C]: C[K]['type'] };

export interface Table<C extends Columns = Columns> {
  /** The SQL table name. */
  readonly name: string;
  readonly columns: C;
  /** The row, field by field (camelCase), as the code and the LabApi see it. */
  readonly schema: z.ZodObject<ShapeOf<C>>;
}

export function defineTable<C extends Columns>(name: string, columns: C): Table<C> {
  const shape = Object.fromEntries(Object.entries(columns).map(([field, c]) => [field, c.type])) as ShapeOf<C>;
  return { name, columns, schema: z.object(shape) };
}

/** A table's row type: one field per column. */
export type RowOf<T extends Table> = z.output<T['schema']>;

export type FieldOf<T extends Table> = keyof T['columns'] & string;

/** A row as plain SQL (`SELECT *`, a student's sqlite3) returns it: keyed by column name. */
export type SqlRowOf<T extends Table> = { [K in FieldOf<T> as T['columns'][K]['sql']]: z.output<T['columns'][K]['type']> };

/**
 * `sql_name AS "field", ...` for the given fields (default: every column), so
 * a SELECT's rows are the row type as they come. SQLite and PostgreSQL both
 * take a double-quoted alias. `from` prefixes each column with a table alias.
 */
export function selectList<T extends Table>(table: T, fields?: readonly FieldOf<T>[], from?: string): string {
  const names = fields ?? (Object.keys(table.columns) as FieldOf<T>[]);
  return names
    .map((field) => {
      const sql = table.columns[field]!.sql;
      const qualified = from ? `${from}.${sql}` : sql;
      return sql === field && !from ? sql : `${qualified} AS "${field}"`;
    })
    .join(', ');
}

/** A table's fields in column order, leaving out `except` (e.g. the keys a caller already knows). */
export function fieldsOf<T extends Table, X extends FieldOf<T> = never>(table: T, except: readonly X[] = []): Exclude<FieldOf<T>, X>[] {
  return (Object.keys(table.columns) as FieldOf<T>[]).filter((f) => !(except as readonly string[]).includes(f)) as Exclude<FieldOf<T>, X>[];
}

/** The SQL column names of the given fields, in their order: an INSERT's column list. */
export function columnNames<T extends Table>(table: T, fields: readonly FieldOf<T>[]): string[] {
  return fields.map((field) => table.columns[field]!.sql);
}
