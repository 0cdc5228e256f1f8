/** A mistake in what the user typed or gave us: exit 2, no stack trace. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export const EXIT = { ok: 0, runFailed: 1, badInput: 2 } as const;
