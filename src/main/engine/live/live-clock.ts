// Scenario time in a live run: wall time since the run's origin, divided by
// the time scale (wall seconds per scenario second). Event timestamps stay in
// scenario seconds, so a live run reads like an instant one.
export class LiveClock {
  constructor(
    readonly originMs: number,
    readonly timeScale: number,
  ) {}

  now(): number {
    return (Date.now() - this.originMs) / 1000 / this.timeScale;
  }

  /** Wall milliseconds until scenario time t (0 when it has passed). */
  msUntil(t: number): number {
    return Math.max(0, this.originMs + t * this.timeScale * 1000 - Date.now());
  }

  wallMs(scenarioSeconds: number): number {
    return scenarioSeconds * this.timeScale * 1000;
  }
}
