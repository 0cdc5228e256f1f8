// `--store full` with the writing on a second thread: the simulation thread
// packs each row into typed arrays (numbers as they are, repeated strings
// as numbers from a dictionary) and posts chunks; the writer thread
// (row-writer-script.ts) binds them into the same multi-row INSERTs as
// BulkInsert, so SQLite's work runs beside the simulation instead of after
// each of its steps. Packing costs the simulation thread a fraction of what
// binding did; posting typed arrays moves them without a copy. Rows, their
// order and their transactions are the simulation thread's decision: the
// same rows land as with the direct path, chunk by chunk.
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { sqliteNativeBinding } from '../store/native-binding.ts';
import { StoreError } from '../store/open-database.ts';
import { ROW_WRITER_SCRIPT, ROWS_PER_STATEMENT } from './row-writer-script.ts';

/** Rows per posted chunk: a multiple of the statement's rows, so the writer runs only full statements until the end. */
const CHUNK_ROWS = ROWS_PER_STATEMENT * 32;
/** Chunks posted and not yet written before the simulation waits: bounds the memory of a run far ahead of its writes. */
const MAX_IN_FLIGHT = 48;
/** Strings longer than this are sent as they are, not entered in the dictionary (payloads, error texts). */
const WORD_MAX = 40;
const WORDS_MAX = 50_000;

export interface TableRows {
  /** The row's values, pushed in column order, then rowDone(). */
  readonly values: unknown[];
  rowDone(): void;
  flush(): void;
}

/** Per table: packs rows into a chunk and hands full chunks to the thread. */
class RowPacker implements TableRows {
  readonly values: unknown[] = [];
  private nums: Float64Array;
  private tags: Uint8Array;
  private strings: string[] = [];
  private rows = 0;
  private at = 0;

  constructor(
    private readonly writer: RowWriterThread,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.nums = new Float64Array(CHUNK_ROWS * columns.length);
    this.tags = new Uint8Array(CHUNK_ROWS * columns.length);
  }

  rowDone(): void {
    const v = this.values;
    const { nums, tags } = this;
    let at = this.at;
    for (let i = 0; i < v.length; i++, at++) {
      const x = v[i];
      if (typeof x === 'number') {
        nums[at] = x;
        tags[at] = 0;
      } else if (x === null || x === undefined) {
        tags[at] = 1;
      } else {
        const s = String(x);
        const word = this.writer.word(s);
        if (word >= 0) {
          nums[at] = word;
          tags[at] = 2;
        } else {
          nums[at] = this.strings.push(s) - 1;
          tags[at] = 3;
        }
      }
    }
    this.at = at;
    v.length = 0;
    if (++this.rows === CHUNK_ROWS) this.flush();
  }

  flush(): void {
    if (this.rows === 0) return;
    const { nums, tags } = this;
    this.writer.post(
      { op: 'rows', table: this.table, columns: this.columns, rows: this.rows, nums, tags, strings: this.strings, words: this.writer.newWords() },
      [nums.buffer as ArrayBuffer, tags.buffer as ArrayBuffer],
    );
    this.nums = new Float64Array(CHUNK_ROWS * this.columns.length);
    this.tags = new Uint8Array(CHUNK_ROWS * this.columns.length);
    this.strings = [];
    this.rows = 0;
    this.at = 0;
  }
}

export class RowWriterThread {
  private readonly worker: Worker;
  private readonly shared = new Int32Array(new SharedArrayBuffer(8));
  private readonly errors: MessagePort;
  private readonly dictionary = new Map<string, number>();
  private fresh: string[] = [];
  private done = false;
  private failure: StoreError | null = null;

  constructor(file: string) {
    const { port1, port2 } = new MessageChannel();
    this.errors = port1;
    const nativeBinding = sqliteNativeBinding();
    this.worker = new Worker(ROW_WRITER_SCRIPT, {
      eval: true,
      workerData: {
        file, nativeBinding, shared: this.shared.buffer, port: port2, rowsPerStatement: ROWS_PER_STATEMENT,
        sqlitePath: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
      transferList: [port2],
    });
    // The simulation thread waits in Atomics.wait, never in the event loop: nothing to listen to here.
    this.worker.unref();
  }

  table(table: string, columns: readonly string[]): TableRows {
    return new RowPacker(this, table, columns);
  }

  /** Runs one statement on the writer, after every row posted before it. */
  statement(sql: string, params: unknown[]): void {
    this.post({ op: 'sql', sql, params });
  }

  commit(): void {
    this.post({ op: 'commit' });
  }

  /** COMMIT and close; returns when every row is in the file (throws what the writer hit). */
  finish(): void {
    this.post({ op: 'finish' });
    this.waitForEnd();
  }

  /** ROLLBACK of the open chunk; committed chunks stay. Returns when the writer has let go of the file. */
  abort(): void {
    if (this.done) return;
    try {
      this.post({ op: 'abort' });
      this.waitForEnd();
    } catch {
      // the writer had failed already: it rolled back and closed
    }
  }

  /** The dictionary number of a short repeated string, or -1. */
  word(s: string): number {
    let n = this.dictionary.get(s);
    if (n !== undefined) return n;
    if (s.length > WORD_MAX || this.dictionary.size >= WORDS_MAX) return -1;
    n = this.dictionary.size;
    this.dictionary.set(s, n);
    this.fresh.push(s);
    return n;
  }

  /** Words entered since the last chunk: the writer learns them with it. */
  newWords(): string[] {
    const words = this.fresh;
    this.fresh = [];
    return words;
  }

  post(message: object, transfer: ArrayBuffer[] = []): void {
    this.throwIfFailed();
    // Back-pressure: wait while the writer is MAX_IN_FLIGHT chunks behind.
    for (let n = Atomics.load(this.shared, 0); n >= MAX_IN_FLIGHT; n = Atomics.load(this.shared, 0)) {
      Atomics.wait(this.shared, 0, n, 1000);
      this.throwIfFailed();
    }
    Atomics.add(this.shared, 0, 1);
    this.worker.postMessage(message, transfer);
  }

  private waitForEnd(): void {
    while (Atomics.load(this.shared, 1) === 0) Atomics.wait(this.shared, 1, 0, 1000);
    this.done = true;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (Atomics.load(this.shared, 1) !== 2) return;
    this.done = true;
    const error = receiveMessageOnPort(this.errors)?.message as { message: string; code?: string } | undefined;
    if (error) this.failure = new StoreError(`writing the run's rows failed: ${error.message}`, error.code === 'SQLITE_BUSY' ? 1 : 2);
    throw this.failure ?? new StoreError("writing the run's rows failed", 2);
  }
}
