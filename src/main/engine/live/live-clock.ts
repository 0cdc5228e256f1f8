// Scenario time in a live run: wall time since the run's origin, divided by
// the time scale (wall seconds per scenario second). Event timestamps stay in
// scenario seconds, so a live run reads like an instant one.
export class LiveClock {
  constructor(
    private origin: number,
    readonly timeScale: number,
  ) {}

  /** Wall ms (since the epoch) of scenario time 0. */
  get originMs(): number {
    return this.origin;
  }

  /** Before the run starts only: scenario time 0 moves to `originMs`. */
  moveOrigin(originMs: number): void {
    this.origin = originMs;
  }

  now(): number {
    return (Date.now() - this.origin) / 1000 / this.timeScale;
  }

  /** Wall milliseconds until scenario time t (0 when it has passed). */
  msUntil(t: number): number {
    return Math.max(0, this.origin + t * this.timeScale * 1000 - Date.now());
  }

  wallMs(scenarioSeconds: number): number {
    return scenarioSeconds * this.timeScale * 1000;
  }
}
