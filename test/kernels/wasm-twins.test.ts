import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../../src/kernels/reference/index.js';
import type { MatMulDims } from '../../src/kernels/reference/matmul.js';
import { loadWasm } from '../../src/kernels/wasm/module.js';
import { wasmKernelSet } from '../../src/kernels/wasm/set.js';
import { ThreadPool } from '../../src/kernels/wasm/threads.js';
import { expectSameBits } from '../helpers/bits.js';
import type { Rng } from '../helpers/rng.js';
import { xorshift } from '../helpers/rng.js';

/**
 * DESIGN.md law 2: the wasm kernel set gives the reference set's bits exactly, on random shapes,
 * odd sizes, transposes, and special values (signed zeros, denormals, NaN, ±Infinity).
 */
const mod = loadWasm();
if (!mod) throw new Error('the wasm kernel set must load in Node');
const wasm = wasmKernelSet(mod, new ThreadPool(mod), 0); // 0: the native code at every size
const ref = referenceKernels;

const SPECIALS = [0, -0, 1e-40, -1e-40, 1.4e-45, NaN, Infinity, -Infinity, 3.4e38, -3.4e38, 1, -1];

/** Float32 values with a mix of scales; a fraction `special` of them from SPECIALS. */
function values(rng: Rng, n: number, special = 0): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = rng.next() < special ? (SPECIALS[rng.int(SPECIALS.length)] as number) : rng.uniform(-2, 2) * 2 ** (rng.int(9) - 4);
  }
  return out;
}

function bothMatMul(a: Float32Array, b: Float32Array, d: MatMulDims): [Float32Array, Float32Array] {
  const size = d.batch * d.m * d.n;
  const outRef = new Float32Array(size).fill(7);
  const outWasm = new Float32Array(size).fill(-7);
  ref.matMul(a, b, outRef, d);
  wasm.matMul(a, b, outWasm, d);
  return [outWasm, outRef];
}

describe('wasm matMul gives the reference bits', () => {
  const rng = xorshift(90210);
  const sizes = [1, 3, 4, 7, 8, 9, 17, 33, 129];
  const cases: MatMulDims[] = [];
  for (const transposeA of [false, true]) {
    for (const transposeB of [false, true]) {
      for (let c = 0; c < 10; c++) {
        const m = sizes[rng.int(sizes.length)] as number;
        const k = sizes[rng.int(sizes.length)] as number;
        const n = sizes[rng.int(sizes.length)] as number;
        cases.push({ batch: 1, m, k, n, transposeA, transposeB, aBatchStride: 0, bBatchStride: 0 });
      }
    }
  }

  it.each(cases)('m=$m k=$k n=$n transposeA=$transposeA transposeB=$transposeB', (d) => {
    const a = values(rng, d.m * d.k, 0.05);
    const b = values(rng, d.k * d.n, 0.05);
    const [w, r] = bothMatMul(a, b, d);
    expectSameBits(w, r, 'matMul');
  });

  it('batched, with a broadcast batch of 1 on either side', () => {
    for (const [aStride, bStride] of [[6 * 5, 5 * 9], [0, 5 * 9], [6 * 5, 0]] as const) {
      const d: MatMulDims = { batch: 3, m: 6, k: 5, n: 9, transposeA: false, transposeB: true, aBatchStride: aStride, bBatchStride: bStride };
      const a = values(rng, aStride === 0 ? 30 : 90);
      const b = values(rng, bStride === 0 ? 45 : 135);
      const [w, r] = bothMatMul(a, b, d);
      expectSameBits(w, r, `batched matMul (strides ${aStride}, ${bStride})`);
    }
  });

  it('an MLP-sized product (32×784 · 784×128) and its two gradient products', () => {
    const x = values(rng, 32 * 784);
    const wt = values(rng, 784 * 128);
    const dy = values(rng, 32 * 128);
    const plain: MatMulDims = { batch: 1, m: 32, k: 784, n: 128, transposeA: false, transposeB: false, aBatchStride: 0, bBatchStride: 0 };
    expectSameBits(...bothMatMul(x, wt, plain), 'x·W');
    const dW: MatMulDims = { batch: 1, m: 784, k: 32, n: 128, transposeA: true, transposeB: false, aBatchStride: 0, bBatchStride: 0 };
    expectSameBits(...bothMatMul(x, dy, dW), 'xᵀ·dy');
    const dX: MatMulDims = { batch: 1, m: 32, k: 128, n: 784, transposeA: false, transposeB: true, aBatchStride: 0, bBatchStride: 0 };
    expectSameBits(...bothMatMul(dy, wt, dX), 'dy·Wᵀ');
  });

  it('is not the float64-accumulated product (the test can tell orders apart)', () => {
    const d: MatMulDims = { batch: 1, m: 4, k: 300, n: 8, transposeA: false, transposeB: false, aBatchStride: 0, bBatchStride: 0 };
    const a = values(rng, d.m * d.k);
    const b = values(rng, d.k * d.n);
    const [w] = bothMatMul(a, b, d);
    const f64 = new Float32Array(d.m * d.n);
    for (let i = 0; i < d.m; i++) for (let j = 0; j < d.n; j++) {
      let s = 0;
      for (let p = 0; p < d.k; p++) s += (a[i * d.k + p] as number) * (b[p * d.n + j] as number);
      f64[i * d.n + j] = s;
    }
    expect(Array.from(w)).not.toEqual(Array.from(f64));
  });
});

describe('wasm adamUpdate gives the reference bits', () => {
  const rng = xorshift(4711);
  it.each([1, 3, 4, 7, 17, 129, 1000])('size %i, with and without AMSGrad, special values', (size) => {
    for (const ams of [false, true]) {
      const w = values(rng, size, 0.05);
      const g = values(rng, size, 0.05);
      const m = values(rng, size, 0.05);
      const v = values(rng, size, 0.05).map(Math.abs);
      const vh = values(rng, size, 0.05).map(Math.abs);
      const c = { alpha: Math.fround(0.001), c1: Math.fround(0.1), c2: Math.fround(0.001), eps: Math.fround(1e-7) };
      const r = [w.slice(), g.slice(), m.slice(), v.slice(), vh.slice()] as const;
      const x = [w.slice(), g.slice(), m.slice(), v.slice(), vh.slice()] as const;
      ref.adamUpdate(r[0], r[1], r[2], r[3], ams ? r[4] : null, c);
      wasm.adamUpdate(x[0], x[1], x[2], x[3], ams ? x[4] : null, c);
      ['w', 'g', 'm', 'v', 'vhat'].forEach((name, i) => expectSameBits(x[i] as Float32Array, r[i] as Float32Array, `${name} (amsgrad ${ams})`));
    }
  });
});
