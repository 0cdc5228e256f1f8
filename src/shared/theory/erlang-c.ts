// M/M/c predictions shown next to the simulated numbers, so a user can see
// the simulator agree with theory (and see where faults make it diverge).
//
// The textbook Erlang C formula uses a^c / c! and a sum of a^k / k!, which
// overflow long before c = 1000. The Erlang B recursion
//   B(0) = 1,  B(k) = a B(k-1) / (k + a B(k-1))
// stays in [0, 1] throughout, and C follows from B:
//   C = B / (1 - rho (1 - B)).

/** Offered load per server, lambda / (c mu); may exceed 1 (overload). */
export function utilization(c: number, lambda: number, mu: number): number {
  if (lambda <= 0) return 0;
  const capacity = c * mu;
  return capacity > 0 ? lambda / capacity : Infinity;
}

/** Erlang B: probability that all c servers are busy in M/M/c/c (a = lambda / mu). */
export function erlangB(c: number, a: number): number {
  const servers = Math.floor(c);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Probability that an arrival has to wait in M/M/c. Returns 1 when the system
 * is unstable (rho >= 1): the queue grows without bound, so everyone waits.
 */
export function erlangC(c: number, lambda: number, mu: number): number {
  if (lambda <= 0) return 0;
  const rho = utilization(c, lambda, mu);
  if (!(rho < 1) || c < 1) return 1;
  const b = erlangB(c, lambda / mu);
  return b / (1 - rho * (1 - b));
}

/** Mean time in queue, Wq = C / (c mu - lambda); Infinity when unstable. */
export function mmcMeanWait(c: number, lambda: number, mu: number): number {
  if (lambda <= 0) return 0;
  if (!(utilization(c, lambda, mu) < 1) || c < 1) return Infinity;
  return erlangC(c, lambda, mu) / (c * mu - lambda);
}

/** Mean number waiting, Lq = lambda Wq (Little's law); Infinity when unstable. */
export function mmcMeanQueueLength(c: number, lambda: number, mu: number): number {
  if (lambda <= 0) return 0;
  return lambda * mmcMeanWait(c, lambda, mu);
}

/** Mean time in system, W = Wq + 1 / mu; Infinity when unstable. */
export function mmcMeanResponseTime(c: number, lambda: number, mu: number): number {
  return mmcMeanWait(c, lambda, mu) + 1 / mu;
}
