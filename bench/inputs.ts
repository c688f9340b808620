/**
 * Deterministic benchmark inputs: a xorshift32 stream (Marsaglia 2003, shifts 13, 17, 5), so
 * every run and every library sees the same numbers without Math.random.
 */

/** A xorshift32 generator; returns the next nonzero 32-bit state as an unsigned integer. */
export function xorshift32(seed: number): () => number {
  // NOTE: a zero state is a fixed point of xorshift; map it to an arbitrary odd constant.
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

/**
 * `n` float32 values uniform in [-1, 1): the top 24 bits of each draw scaled by 2^-23, so every
 * value is exactly representable in float32.
 * @example uniformFloat32(4, 1) // Float32Array of 4 values in [-1, 1)
 */
export function uniformFloat32(n: number, seed: number): Float32Array {
  const next = xorshift32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (next() >>> 8) / 0x800000 - 1;
  return out;
}

/** The same values as uniformFloat32, widened to float64 (exactly). */
export function uniformFloat64(n: number, seed: number): Float64Array {
  return Float64Array.from(uniformFloat32(n, seed));
}

/**
 * An ill-conditioned sum whose exact value is 0 by construction: n/2 values u·2^e with u uniform
 * in [-1, 1) and e uniform in [-40, 40], followed by their negations in a shuffled order.
 * A left-to-right float64 loop loses the small terms against the large partial sums.
 * @example illConditioned(1000, 7) // 1000 values summing exactly to 0
 */
export function illConditioned(n: number, seed: number): Float64Array {
  if (n % 2 !== 0) throw new Error(`illConditioned: n must be even, received ${n}`);
  const next = xorshift32(seed);
  const half = n / 2;
  const out = new Float64Array(n);
  for (let i = 0; i < half; i++) {
    const u = (next() >>> 8) / 0x800000 - 1;
    const e = (next() % 81) - 40;
    out[i] = u * powerOfTwo(e); // exact: a power-of-two scaling, far from the float64 limits
  }
  const order = Array.from({ length: half }, (_, i) => i);
  for (let i = half - 1; i > 0; i--) {
    // Fisher–Yates; the modulo bias of a 32-bit draw is irrelevant for a benchmark input.
    const j = next() % (i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  for (let i = 0; i < half; i++) out[half + i] = -(out[order[i] as number] as number);
  return out;
}

/** 2^e for a small integer e, by exact doublings or halvings (no ** : see DESIGN.md law 3). */
function powerOfTwo(e: number): number {
  let p = 1;
  for (let i = 0; i < e; i++) p *= 2;
  for (let i = 0; i > e; i--) p /= 2;
  return p;
}
