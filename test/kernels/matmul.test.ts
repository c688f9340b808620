import { describe, expect, it } from 'vitest';
import { matMul } from '../../src/kernels/reference/matmul.js';
import type { MatMulDims } from '../../src/kernels/reference/matmul.js';
import { expectSameBits } from '../helpers/bits.js';
import { randomValues, xorshift } from '../helpers/rng.js';

/**
 * The documented reference order, written out: acc = +0, then for p increasing
 * acc = fl32(acc + fl32(a·b)).
 */
function referenceMatMul(a: Float32Array, b: Float32Array, d: MatMulDims): Float32Array {
  const out = new Float32Array(d.batch * d.m * d.n);
  for (let t = 0; t < d.batch; t++) {
    for (let i = 0; i < d.m; i++) {
      for (let j = 0; j < d.n; j++) {
        let acc = 0;
        for (let p = 0; p < d.k; p++) {
          const av = a[t * d.aBatchStride + (d.transposeA ? p * d.m + i : i * d.k + p)] as number;
          const bv = b[t * d.bBatchStride + (d.transposeB ? j * d.k + p : p * d.n + j)] as number;
          acc = Math.fround(acc + Math.fround(av * bv));
        }
        out[t * d.m * d.n + i * d.n + j] = acc;
      }
    }
  }
  return out;
}

/** The same sums accumulated in float64 and rounded once: NOT the reference order. */
function float64MatMul(a: Float32Array, b: Float32Array, d: MatMulDims): Float32Array {
  const out = new Float32Array(d.m * d.n);
  for (let i = 0; i < d.m; i++) {
    for (let j = 0; j < d.n; j++) {
      let acc = 0;
      for (let p = 0; p < d.k; p++) acc += (a[i * d.k + p] as number) * (b[p * d.n + j] as number);
      out[i * d.n + j] = acc;
    }
  }
  return out;
}

describe('matMul kernel reference order', () => {
  const rng = xorshift(20240601);
  const cases: MatMulDims[] = [];
  for (const k of [1, 2, 17, 64, 300]) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        const m = 1 + rng.int(7);
        const n = 1 + rng.int(7);
        cases.push({ batch: 1, m, k, n, transposeA, transposeB, aBatchStride: 0, bBatchStride: 0 });
      }
    }
  }

  it.each(cases)('matches fl32(acc + fl32(a·b)) over increasing k bit for bit: m=$m k=$k n=$n tA=$transposeA tB=$transposeB', (d) => {
    const a = randomValues(rng, d.m * d.k, { lo: -1, hi: 1 });
    const b = randomValues(rng, d.k * d.n, { lo: -1, hi: 1 });
    const out = new Float32Array(d.m * d.n);
    matMul(a, b, out, d);
    expectSameBits(out, referenceMatMul(a, b, d));
  });

  it('batched products honour the batch strides, including a broadcast batch (stride 0)', () => {
    for (const [aStrided, bStrided] of [[true, true], [false, true], [true, false]]) {
      for (const transposeA of [false, true]) {
        for (const transposeB of [false, true]) {
          const d: MatMulDims = { batch: 3, m: 4, k: 33, n: 5, transposeA, transposeB, aBatchStride: aStrided ? 4 * 33 : 0, bBatchStride: bStrided ? 33 * 5 : 0 };
          const a = randomValues(rng, (aStrided ? 3 : 1) * 4 * 33, { lo: -1, hi: 1 });
          const b = randomValues(rng, (bStrided ? 3 : 1) * 33 * 5, { lo: -1, hi: 1 });
          const out = new Float32Array(3 * 4 * 5);
          matMul(a, b, out, d);
          expectSameBits(out, referenceMatMul(a, b, d), `aStrided=${aStrided} bStrided=${bStrided} tA=${transposeA} tB=${transposeB}`);
        }
      }
    }
  });

  it('the order is observable: float64 accumulation gives other bits for long sums', () => {
    const d: MatMulDims = { batch: 1, m: 8, k: 300, n: 8, transposeA: false, transposeB: false, aBatchStride: 0, bBatchStride: 0 };
    const a = randomValues(rng, d.m * d.k, { lo: -1, hi: 1 });
    const b = randomValues(rng, d.k * d.n, { lo: -1, hi: 1 });
    const out = new Float32Array(d.m * d.n);
    matMul(a, b, out, d);
    const other = float64MatMul(a, b, d);
    expect(out.some((v, i) => v !== other[i])).toBe(true);
  });

  it('sums of signed zeros start from +0, as the reference does', () => {
    const d: MatMulDims = { batch: 1, m: 1, k: 2, n: 1, transposeA: false, transposeB: false, aBatchStride: 0, bBatchStride: 0 };
    const out = new Float32Array(1);
    matMul(Float32Array.from([-0, -0]), Float32Array.from([1, 1]), out, d);
    expect(Object.is(out[0], 0)).toBe(true);
    matMul(Float32Array.from([-0, -0]), Float32Array.from([1, 1]), out, { ...d, transposeB: true });
    expect(Object.is(out[0], 0)).toBe(true);
  });

  it('k = 0 gives zeros', () => {
    const out = new Float32Array(4).fill(NaN);
    matMul(new Float32Array(0), new Float32Array(0), out, { batch: 1, m: 2, k: 0, n: 2, transposeA: false, transposeB: false, aBatchStride: 0, bBatchStride: 0 });
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });
});
