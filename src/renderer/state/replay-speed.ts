// How fast a finished run replays by default: fast enough that the whole run
// plays in about 25 s (a student watches it, an instructor talks over it),
// never slower than real time (a 5 s run plays in 5 s). The speed is rounded
// to two significant digits so the header shows "1,700×", not "1,666.67×".

/** The wall seconds a default replay aims for. */
export const REPLAY_TARGET_S = 25;

/** Scenario seconds per wall second that fit `duration` into about REPLAY_TARGET_S (at least 1). */
export function fittedReplaySpeed(duration: number): number {
  if (!Number.isFinite(duration) || duration <= REPLAY_TARGET_S) return 1;
  const raw = duration / REPLAY_TARGET_S;
  const magnitude = 10 ** (Math.floor(Math.log10(raw)) - 1);
  return Math.round(raw / magnitude) * magnitude;
}

/** Wall seconds a replay of `duration` scenario seconds takes at `speed`. */
export function replayLength(duration: number, speed: number): number {
  return speed > 0 && Number.isFinite(duration) ? duration / speed : Infinity;
}

/** "25 s", "4 min 10 s", "27 min": how long a replay will take, as a person says it. */
export function formatWallLength(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 59.5) return `${Math.max(0, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  if (minutes >= 10 || rest === 0) return `${Math.round(seconds / 60)} min`;
  return `${minutes} min ${rest} s`;
}

/** "1,700×", "2.5×", "0.25×". */
export function formatSpeed(speed: number): string {
  return `${speed.toLocaleString('en-US', { maximumFractionDigits: 2 })}×`;
}
