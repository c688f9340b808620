import { describe, expect, it } from 'vitest';
import type { UnaryKernel } from '../../src/kernels/reference/elementwise.js';
import { referenceKernels } from '../../src/kernels/reference/index.js';
import { loadWasm } from '../../src/kernels/wasm/module.js';
import { wasmKernelSet } from '../../src/kernels/wasm/set.js';
import { ThreadPool } from '../../src/kernels/wasm/threads.js';
import { expectSameBits } from '../helpers/bits.js';
import type { Rng } from '../helpers/rng.js';
import { xorshift } from '../helpers/rng.js';

/**
 * DESIGN.md laws 2 and 3 for native/math.h and math-log.h (the C ports of src/math's exp, expm1,
 * sigmoid, tanh, log, log1p, softplus)
 * and the kernels over it (native/math.c's unary, native/recurrent.c's fused cells): the wasm
 * twins give the reference bits on a million random float32 bit patterns per function, on a
 * million values in the range where the functions do their work, at every branch threshold and
 * its float32 neighbours, and on special values (±0, ±Infinity, NaN, subnormals, the extremes).
 */
const mod = loadWasm();
if (!mod) throw new Error('the wasm kernel set must load in Node');
const native = wasmKernelSet(mod, new ThreadPool(mod), 0); // 0: the native code at every size
const ref = referenceKernels;

const FUNCTIONS: readonly UnaryKernel[] = ['exp', 'expm1', 'sigmoid', 'tanh', 'log', 'log1p', 'softplus'];
const SPECIALS = [0, -0, 1e-40, -1e-40, 1.4e-45, -1.4e-45, 1.1754942e-38, NaN, Infinity, -Infinity, 3.4028235e38, -3.4028235e38, 1, -1, 0.5, -0.5];
/**
 * The branch points of the four functions and of the exp kernel's reduction: sigmoid's ±38 and
 * −700, tanh's 2^-27, 0.55 and 22, expm1's 2^-54, 0.34, −38 and 700, softplus's ±37, log's
 * √2 split and log1p's reduced range (√2/2 − 1, √2 − 1), the smallest normal, exp's overflow and
 * underflow in float32 (±88.72, −103.97) and in float64 (709.79, −745.2), and multiples of
 * ln 2 / 2 where the reduction's k changes.
 */
const THRESHOLDS = [38, -38, -700, 700, 7.450580596923828e-9, 0.55, 22, 5.551115123125783e-17, 0.34, 88.72283935546875, -103.97, -87.33654, 709.79, -745.2,
  0.34657359027997264, 1.0397207708399179, -0.34657359027997264, 44, 19.06,
  37, 1.4142135623730951, 0.7071067811865476, 0.2928932188134524, 0.41421356237309503, 1.1754943508222875e-38, 2];

/** x and its float32 neighbours up to `steps` ulps either way, for x and −x. */
function neighbours(x: number, steps: number): number[] {
  const out: number[] = [];
  const f = new Float32Array(1);
  const u = new Int32Array(f.buffer);
  for (const s of [x, -x]) {
    f[0] = s;
    const base = u[0] as number;
    for (let d = -steps; d <= steps; d++) {
      u[0] = base + d;
      out.push(f[0] as number);
    }
  }
  return out;
}

function randomBits(rng: Rng, n: number): Float32Array {
  const bits = new Uint32Array(n);
  for (let i = 0; i < n; i++) bits[i] = rng.nextUint32();
  return new Float32Array(bits.buffer);
}

/** Values with a uniform random significand and sign and an exponent uniform over 2^-30 … 2^10. */
function workingRange(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rng.next() < 0.5 ? -1 : 1) * (1 + rng.next()) * 2 ** (rng.int(41) - 30);
  return out;
}

function expectUnaryTwins(name: UnaryKernel, xs: Float32Array): void {
  const expected = new Float32Array(xs.length).fill(7);
  const actual = new Float32Array(xs.length).fill(-7);
  ref.unary(name, xs, expected);
  native.unary(name, xs, actual);
  expectSameBits(actual, expected, name);
}

describe('native exp, expm1, sigmoid and tanh give src/math bits', () => {
  it.each(FUNCTIONS)('%s: special values, and every threshold with its 64 float32 neighbours each way', (name) => {
    expectUnaryTwins(name, Float32Array.from([...SPECIALS, ...THRESHOLDS.flatMap((t) => neighbours(t, 64))]));
  });

  it.each(FUNCTIONS)('%s: a million random float32 bit patterns', (name) => {
    expectUnaryTwins(name, randomBits(xorshift(0x5eed + name.length), 1_000_000));
  });

  it.each(FUNCTIONS)('%s: a million values between 2^-30 and 2^11 in magnitude', (name) => {
    expectUnaryTwins(name, workingRange(xorshift(0xbeef + name.length), 1_000_000));
  });

  it('odd lengths, and a float64 input or an int32 output go to the reference loop', () => {
    const rng = xorshift(31);
    for (const n of [1, 2, 3, 5, 17, 63]) for (const name of FUNCTIONS) expectUnaryTwins(name, workingRange(rng, n));
    const xs = Float64Array.from([0.1, -2, 3]);
    const a = new Float32Array(3);
    const b = new Float32Array(3);
    native.unary('sigmoid', xs, a);
    ref.unary('sigmoid', xs, b);
    expectSameBits(a, b, 'float64 input');
    const ints = new Int32Array(3);
    native.unary('exp', Float32Array.from([0, 1, 2]), ints);
    const refInts = new Int32Array(3);
    ref.unary('exp', Float32Array.from([0, 1, 2]), refInts);
    expect(Array.from(ints)).toEqual(Array.from(refInts));
    expect(Array.from(ints)).toEqual([1, 2, 7]); // e^0, e^1, e^2 truncated
  });
});
