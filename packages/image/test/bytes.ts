/** Bytes that compress like a binary does (some runs, some noise), the same on every run. */
export function binaryLike(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x % 7 === 0 ? x & 0xff : (i >> 6) & 0x3f;
  }
  return out;
}
