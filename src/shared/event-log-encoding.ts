// The canonical bytes of an event log, which event_log_sha256 hashes. Binary,
// not text: turning every timestamp into its shortest decimal string cost
// more than the simulation step that produced it. One record per event, in
// log order (the seq is implicit), little-endian:
//
//   f64 t | i32 job (-1: none) | u8 kind | u8 from | u8 to   (index + 1 in
//   EVENT_KINDS / JOB_STATES; 0: none) | u8 n + n bytes worker (UTF-8;
//   n = 255: none) | u16 n + n bytes detail (UTF-8; n = 65535: none)
import { EVENT_KINDS, type EventKind } from './events.ts';
import { JOB_STATES, type JobState } from './job/states.ts';

const CHUNK = 1 << 16;
const NONE8 = 255;
const NONE16 = 65535;
const KIND_CODE = new Map<string, number>(EVENT_KINDS.map((k, i) => [k, i + 1]));
const STATE_CODE = new Map<string, number>(JOB_STATES.map((s, i) => [s, i + 1]));

export class EventLogEncoder {
  private buffer = new Uint8Array(CHUNK);
  private view = new DataView(this.buffer.buffer);
  private at = 0;
  private readonly utf8 = new TextEncoder();
  private readonly workerBytes = new Map<string, Uint8Array>();

  /** `sink` receives each full chunk; the bytes are only valid during the call. */
  constructor(private readonly sink: (bytes: Uint8Array) => void) {}

  add(t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null, detail: string | null): void {
    // Worst case for the detail: 3 bytes per UTF-16 unit.
    const need = 18 + 255 + (detail === null ? 0 : detail.length * 3);
    if (this.at + need > this.buffer.length) {
      this.flush();
      if (need > this.buffer.length) this.grow(need);
    }
    const v = this.view;
    let at = this.at;
    v.setFloat64(at, t, true);
    v.setInt32(at + 8, job ?? -1, true);
    v.setUint8(at + 12, KIND_CODE.get(kind) ?? 0);
    v.setUint8(at + 13, from === null ? 0 : (STATE_CODE.get(from) ?? 0));
    v.setUint8(at + 14, to === null ? 0 : (STATE_CODE.get(to) ?? 0));
    at += 15;
    if (worker === null) {
      v.setUint8(at++, NONE8);
    } else {
      const bytes = this.encodedWorker(worker);
      v.setUint8(at++, bytes.length);
      this.buffer.set(bytes, at);
      at += bytes.length;
    }
    if (detail === null) {
      v.setUint16(at, NONE16, true);
      at += 2;
    } else {
      const { written } = this.utf8.encodeInto(detail, this.buffer.subarray(at + 2, at + 2 + Math.min(detail.length * 3, NONE16 - 1)));
      v.setUint16(at, written, true);
      at += 2 + written;
    }
    this.at = at;
  }

  flush(): void {
    if (this.at > 0) this.sink(this.buffer.subarray(0, this.at));
    this.at = 0;
  }

  private encodedWorker(worker: string): Uint8Array {
    let bytes = this.workerBytes.get(worker);
    if (!bytes) {
      bytes = this.utf8.encode(worker).subarray(0, NONE8 - 1);
      this.workerBytes.set(worker, bytes);
    }
    return bytes;
  }

  private grow(need: number): void {
    this.buffer = new Uint8Array(need);
    this.view = new DataView(this.buffer.buffer);
  }
}
