// The body of the row-writer thread (row-writer-thread.ts), as plain
// JavaScript run with `new Worker(code, { eval: true })`: no TypeScript
// loader and no extra build entry point, so it runs the same from the
// sources, from the built CLI and under Electron. It opens its own connection
// to the lab file and applies, in order, what the simulation thread posts:
//   { op: 'rows', table, columns, rows, nums, tags, strings, words }
//       a packed chunk (see RowPacker): per value a tag (0 number, 1 null,
//       2 a word from the run's dictionary, 3 a string of this chunk)
//   { op: 'sql', sql, params }   one UPDATE, after the rows it refers to
//   { op: 'commit' }             COMMIT, BEGIN: the simulation thread decides
//                                where chunks end, so every job's rows are in
//   { op: 'finish' } / { op: 'abort' }   COMMIT (or ROLLBACK), close, done
// shared[0] counts the messages posted and not yet applied (back-pressure),
// shared[1] is 0 while running, 1 when finished, 2 after an error, whose
// message goes to the `port` for receiveMessageOnPort.
export const ROWS_PER_STATEMENT = 64;

export const ROW_WRITER_SCRIPT = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlitePath);
const { file, nativeBinding, shared: sharedBuffer, port, rowsPerStatement } = workerData;
const shared = new Int32Array(sharedBuffer);
const db = new Database(file, { timeout: 5000, ...(nativeBinding ? { nativeBinding } : {}) });
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('cache_size = -65536');
const statements = new Map();
const words = [];
let failed = false;

function insertsFor(table, columns) {
  let s = statements.get(table);
  if (!s) {
    const row = '(' + columns.map(() => '?').join(', ') + ')';
    const head = 'INSERT INTO ' + table + ' (' + columns.join(', ') + ') VALUES ';
    s = { one: db.prepare(head + row), many: db.prepare(head + Array(rowsPerStatement).fill(row).join(', ')), width: columns.length };
    statements.set(table, s);
  }
  return s;
}

function begin() {
  db.exec('BEGIN IMMEDIATE');
  db.pragma('defer_foreign_keys = ON');
}

function applyRows(m) {
  for (const w of m.words) words.push(w);
  const s = insertsFor(m.table, m.columns);
  const width = s.width;
  const many = new Array(width * rowsPerStatement);
  const one = new Array(width);
  const { nums, tags, strings } = m;
  const value = (k) => {
    const tag = tags[k];
    return tag === 0 ? nums[k] : tag === 1 ? null : tag === 2 ? words[nums[k]] : strings[nums[k]];
  };
  let k = 0;
  let row = 0;
  for (; row + rowsPerStatement <= m.rows; row += rowsPerStatement) {
    for (let i = 0; i < many.length; i++) many[i] = value(k++);
    s.many.run(many);
  }
  for (; row < m.rows; row++) {
    for (let i = 0; i < width; i++) one[i] = value(k++);
    s.one.run(one);
  }
}

function apply(m) {
  if (m.op === 'rows') return applyRows(m);
  if (m.op === 'sql') return void db.prepare(m.sql).run(m.params);
  if (m.op === 'commit') {
    db.exec('COMMIT');
    return begin();
  }
  if (m.op === 'finish') {
    db.exec('COMMIT');
    return close(1);
  }
  if (m.op === 'abort') {
    if (db.inTransaction) db.exec('ROLLBACK');
    return close(1);
  }
}

function close(state) {
  db.close();
  parentPort.close();
  Atomics.store(shared, 1, state);
  Atomics.notify(shared, 1);
}

begin();
parentPort.on('message', (m) => {
  if (!failed) {
    try {
      apply(m);
    } catch (error) {
      failed = true;
      port.postMessage({ message: String(error && error.message || error), code: error && error.code });
      try { if (db.inTransaction) db.exec('ROLLBACK'); } catch {}
      close(2);
    }
  }
  Atomics.sub(shared, 0, 1);
  Atomics.notify(shared, 0);
});
`;
