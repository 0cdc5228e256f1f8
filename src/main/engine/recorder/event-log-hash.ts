// event_log_sha256: the proof that two instant runs made the same events.
// Lines are gathered into chunks because one hash update per event costs
// more than the simulation step that made it.
import { createHash, type Hash } from 'node:crypto';

const CHUNK_CHARS = 1 << 16;

export class EventLogHash {
  private readonly hash: Hash = createHash('sha256');
  private pending = '';

  add(line: string): void {
    this.pending += line;
    if (this.pending.length >= CHUNK_CHARS) {
      this.hash.update(this.pending);
      this.pending = '';
    }
  }

  digest(): string {
    this.hash.update(this.pending);
    this.pending = '';
    return this.hash.digest('hex');
  }
}
