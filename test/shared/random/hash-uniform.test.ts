import { describe, expect, it } from 'vitest';
import { STREAM, hashUint32, hashUniform } from '../../../src/shared/random/hash-uniform.ts';

/** Byte-oriented MurmurHash3 x86_32, written from the reference C code, to prove the word-wise version is the real thing. */
function murmur3Reference(bytes: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  const nblocks = bytes.length >> 2;
  for (let i = 0; i < nblocks; i++) {
    const j = i * 4;
    let k = (bytes[j]! | (bytes[j + 1]! << 8) | (bytes[j + 2]! << 16) | (bytes[j + 3]! << 24)) >>> 0;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function le(...words: number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(words.length * 4));
  words.forEach((w, i) => view.setUint32(i * 4, w >>> 0, true));
  return new Uint8Array(view.buffer);
}

function correlation(xs: Float64Array, ys: Float64Array): number {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('hashUniform', () => {
  it('is MurmurHash3 x86_32 of the three words with the seed', () => {
    const cases: Array<[number, number, number, number]> = [
      [0, 0, 0, 0],
      [42, STREAM.duration, 17, 3],
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [123456789, 9, 1_000_000, 0],
    ];
    for (const [s, a, b, c] of cases) {
      expect(hashUint32(s, a, b, c)).toBe(murmur3Reference(le(a, b, c), s));
    }
  });

  it('is a pure function of its inputs and in [0, 1)', () => {
    for (let b = 0; b < 1000; b++) {
      const u = hashUniform(7, STREAM.failure, b, 2);
      expect(u).toBe(hashUniform(7, STREAM.failure, b, 2));
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
    expect(hashUniform(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff)).toBeLessThan(1);
  });

  it('gives different values for different seeds, streams, jobs and draws', () => {
    const base = hashUniform(1, STREAM.arrival, 5, 0);
    expect(hashUniform(2, STREAM.arrival, 5, 0)).not.toBe(base);
    expect(hashUniform(1, STREAM.duration, 5, 0)).not.toBe(base);
    expect(hashUniform(1, STREAM.arrival, 6, 0)).not.toBe(base);
    expect(hashUniform(1, STREAM.arrival, 5, 1)).not.toBe(base);
  });

  it('is uniform: mean about 0.5 and chi-square over 10 bins passes', () => {
    const n = 200_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    for (let b = 0; b < n; b++) {
      const u = hashUniform(42, STREAM.duration, b, 0);
      sum += u;
      bins[Math.floor(u * 10)]!++;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
    const expected = n / 10;
    const chi2 = bins.reduce((acc, o) => acc + (o - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: P(chi2 > 27.88) = 0.001.
    expect(chi2).toBeLessThan(27.88);
  });

  it('has no correlation between neighbouring job numbers or draw indices', () => {
    const n = 100_000;
    const x = new Float64Array(n);
    const nextB = new Float64Array(n);
    const nextC = new Float64Array(n);
    const otherStream = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = hashUniform(3, STREAM.jitter, i, 1);
      nextB[i] = hashUniform(3, STREAM.jitter, i + 1, 1);
      nextC[i] = hashUniform(3, STREAM.jitter, i, 2);
      otherStream[i] = hashUniform(3, STREAM.crash, i, 1);
    }
    // Standard error of r is about 1 / sqrt(n) = 0.003.
    expect(Math.abs(correlation(x, nextB))).toBeLessThan(0.015);
    expect(Math.abs(correlation(x, nextC))).toBeLessThan(0.015);
    expect(Math.abs(correlation(x, otherStream))).toBeLessThan(0.015);
  });

  it('has distinct stream ids', () => {
    const ids = Object.values(STREAM);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
