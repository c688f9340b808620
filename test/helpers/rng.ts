import { Tensor } from '../../src/ops/tensor.js';

/**
 * A deterministic test generator (Marsaglia's xorshift32, "Xorshift RNGs", J. Stat. Softw. 8(14),
 * 2003, shifts 13/17/5). Tests never use Math.random: a failure must replay.
 * @example const rng = xorshift(1); rng.uniform(-1, 1);
 */
export interface Rng {
  /** A uint32. */
  nextUint32(): number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

/** A new xorshift32 stream from a non-zero seed. */
export function xorshift(seed: number): Rng {
  let state = seed >>> 0 || 0x9e3779b9;
  const nextUint32 = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const next = (): number => nextUint32() / 4294967296;
  return {
    nextUint32,
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
  };
}

/** Options for `randomTensor`: the range, and points to keep away from (kinks of the op). */
export interface RandomOptions {
  lo?: number;
  hi?: number;
  /** Values near which no element may fall (e.g. 0 for relu and abs). */
  avoid?: readonly number[];
  /** Minimum distance from each `avoid` point. */
  margin?: number;
}

/** float32 values drawn uniformly from [lo, hi) (default [-2, 2)), rejecting those near `avoid`. */
export function randomValues(rng: Rng, size: number, options: RandomOptions = {}): Float32Array {
  const { lo = -2, hi = 2, avoid = [], margin = 0.05 } = options;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let v: number;
    do v = Math.fround(rng.uniform(lo, hi));
    while (avoid.some((a) => Math.abs(v - a) < margin));
    out[i] = v;
  }
  return out;
}

/** A float32 tensor of `shape` with `randomValues`. */
export function randomTensor(rng: Rng, shape: readonly number[], options: RandomOptions = {}): Tensor {
  const size = shape.reduce((p, d) => p * d, 1);
  return new Tensor(randomValues(rng, size, options), shape, 'float32');
}

/**
 * A float32 tensor of `shape` whose values are pairwise at least `gap` apart (a shuffled grid),
 * so that max/min/sort-like ops have no ties and finite differences do not cross one.
 */
export function distinctTensor(rng: Rng, shape: readonly number[], gap = 0.1): Tensor {
  const size = shape.reduce((p, d) => p * d, 1);
  const values = Array.from({ length: size }, (_, i) => (i - size / 2) * gap + rng.uniform(0, gap / 4));
  for (let i = size - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [values[i], values[j]] = [values[j] as number, values[i] as number];
  }
  return new Tensor(Float32Array.from(values), shape, 'float32');
}
