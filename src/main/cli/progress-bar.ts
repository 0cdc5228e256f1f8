// A progress bar on stderr, only on a terminal and only for work that takes
// more than a second: short runs and pipes stay clean.
const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 100;
const WIDTH = 30;

export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    /** Whether it draws at all: without it, callers need not count progress. */
    readonly enabled = Boolean(process.stderr.isTTY),
  ) {}

  update(done: number, total: number, label: string): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.started < SHOW_AFTER_MS || now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.shown = true;
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(share * WIDTH);
    this.stream.write(`\r[${'='.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${label}\x1b[K`);
  }

  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
  }
}
