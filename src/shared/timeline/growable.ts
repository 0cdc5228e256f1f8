// Typed arrays that double when an index passes their end: per-job and
// per-bar columns grow with the run without an object per row.

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
type TypedArrayOf<T extends TypedArray> = T;

export function ensureLength<T extends TypedArray>(arr: TypedArrayOf<T>, needed: number, fill?: number): T {
  if (needed <= arr.length) return arr;
  let size = Math.max(16, arr.length);
  while (size < needed) size *= 2;
  const grown = new (arr.constructor as new (n: number) => T)(size);
  if (fill !== undefined) grown.fill(fill);
  grown.set(arr);
  return grown;
}
