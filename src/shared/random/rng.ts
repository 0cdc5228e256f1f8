// A small sequential PRNG for places where draw order is naturally fixed
// (generating a scenario, shuffling a sample). sfc32 passes PractRand and
// BigCrush, needs only 32-bit integer math (so it gives the same stream on
// every platform and engine), and is faster than anything built on floats.

const TWO_POW_32 = 4294967296;

/**
 * splitmix32: spreads a single (possibly small, possibly zero) seed into
 * well-mixed state words, so seeds 1 and 2 give unrelated streams and sfc32
 * never starts from an all-zero state.
 */
function splitmix32(state: number): [next: number, out: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) | 0];
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` is read as a 32-bit word; equal seeds give equal sequences. */
  constructor(seed: number) {
    let s = seed | 0;
    let out: number;
    [s, out] = splitmix32(s);
    this.a = out;
    [s, out] = splitmix32(s);
    this.b = out;
    [s, out] = splitmix32(s);
    this.c = out;
    [, out] = splitmix32(s);
    this.d = out;
    // The reference sfc32 seeding discards the first outputs so the counter
    // word has propagated into the rest of the state.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** 32 uniformly distributed bits as an unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** An integer in [0, n) for n >= 1 (tiny modulo bias is irrelevant for n << 2^32). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }
}
