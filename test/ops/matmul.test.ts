import { describe, expect, it } from 'vitest';
import { dot, matMul } from '../../src/ops/index.js';
import { tensor } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { matMulRef, reshapeRef } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

/**
 * The reference order written out for (batched) operands: out[t,i,j] = fold over p increasing of
 * acc = fl32(acc + fl32(A[t,i,p]·B[t,p,j])), from acc = +0. A batch of 1 broadcasts.
 */
function referenceBits(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Float32Array {
  const [ar, ac] = a.shape.slice(-2) as [number, number];
  const [br, bc] = b.shape.slice(-2) as [number, number];
  const m = transposeA ? ac : ar;
  const k = transposeA ? ar : ac;
  const n = transposeB ? br : bc;
  const aCount = a.size / (ar * ac);
  const bCount = b.size / (br * bc);
  const batch = Math.max(aCount, bCount);
  const out = new Float32Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    const ta = aCount === 1 ? 0 : t;
    const tb = bCount === 1 ? 0 : t;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let p = 0; p < k; p++) {
          const av = a.values[ta * ar * ac + (transposeA ? p * ac + i : i * ac + p)] as number;
          const bv = b.values[tb * br * bc + (transposeB ? j * bc + p : p * bc + j)] as number;
          acc = Math.fround(acc + Math.fround(av * bv));
        }
        out[(t * m + i) * n + j] = acc;
      }
    }
  }
  return out;
}

const stored = (rows: number, cols: number, transposed: boolean): number[] => (transposed ? [cols, rows] : [rows, cols]);

describe('matMul forward follows the reference order bit for bit', () => {
  const rng = xorshift(314);
  const combos: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];
  it.each(combos)('random shapes with k up to 300: transposeA=%s transposeB=%s', (tA, tB) => {
    for (const k of [1, 3, 31, 128, 300]) {
      const m = 1 + rng.int(6);
      const n = 1 + rng.int(6);
      const a = randomTensor(rng, stored(m, k, tA), { lo: -1, hi: 1 });
      const b = randomTensor(rng, stored(k, n, tB), { lo: -1, hi: 1 });
      const out = matMul(a, b, tA, tB);
      expect(out.shape).toEqual([m, n]);
      expectSameBits(out.values, referenceBits(a, b, tA, tB), `k=${k}`);
    }
  });

  it('batched rank-3 products, including a broadcast batch of 1 on either side and a rank-2 operand', () => {
    const pairs: [number[], number[], number[]][] = [
      [[3, 2, 40], [3, 40, 4], [3, 2, 4]],
      [[1, 2, 40], [3, 40, 4], [3, 2, 4]],
      [[3, 2, 40], [1, 40, 4], [3, 2, 4]],
      [[2, 40], [3, 40, 4], [3, 2, 4]],
      [[3, 2, 40], [40, 4], [3, 2, 4]],
      [[2, 3, 2, 9], [2, 3, 9, 5], [2, 3, 2, 5]],
      [[3, 2, 9], [1, 3, 9, 5], [1, 3, 2, 5]],
      [[1, 2, 9], [2, 1, 9, 5], [2, 1, 2, 5]],
    ];
    for (const [aShape, bShape, outShape] of pairs) {
      const a = randomTensor(rng, aShape, { lo: -1, hi: 1 });
      const b = randomTensor(rng, bShape, { lo: -1, hi: 1 });
      const out = matMul(a, b);
      expect(out.shape).toEqual(outShape);
      expectSameBits(out.values, referenceBits(a, b, false, false), `${aShape} · ${bShape}`);
    }
  });

  it('a small product has the values one computes by hand', () => {
    expect(matMul(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]])).arraySync()).toEqual([[19, 22], [43, 50]]);
    expect(matMul(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]]), true, true).arraySync()).toEqual([[23, 31], [34, 46]]);
  });
});

describe('matMul gradients match central differences', () => {
  const rng = xorshift(2718);
  it.each([[false, false], [false, true], [true, false], [true, true]])('rank 2, transposeA=%s transposeB=%s', (tA, tB) => {
    const a = randomTensor(rng, stored(3, 4, tA));
    const b = randomTensor(rng, stored(4, 2, tB));
    checkGradients({ op: (x, y) => matMul(x, y, tA, tB), reference: (x: Ref, y: Ref) => matMulRef(x, y, tA, tB), inputs: [a, b] });
  });

  const batched: [number[], number[], boolean, boolean][] = [
    [[2, 3, 4], [2, 4, 2], false, false],
    [[2, 4, 3], [2, 2, 4], true, true],
    [[1, 3, 4], [3, 4, 2], false, false],
    [[3, 3, 4], [1, 2, 4], false, true],
    [[3, 4], [2, 4, 2], false, false],
    [[2, 4, 3], [4, 2], true, false],
    [[1, 3, 4], [2, 1, 4, 2], false, false],
    [[2, 1, 3, 4], [3, 4, 2], false, false],
    [[2, 1, 4, 3], [1, 3, 2, 4], true, true],
  ];
  it.each(batched)('batched %j · %j (transposeA=%s, transposeB=%s)', (aShape, bShape, tA, tB) => {
    const a = randomTensor(rng, aShape);
    const b = randomTensor(rng, bShape);
    checkGradients({ op: (x, y) => matMul(x, y, tA, tB), reference: (x: Ref, y: Ref) => matMulRef(x, y, tA, tB), inputs: [a, b] });
  });
});

describe('dot', () => {
  const rng = xorshift(99);
  const vecRef = (r: Ref, asRow: boolean): Ref => reshapeRef(r, asRow ? [1, r.shape[0] as number] : [r.shape[0] as number, 1]);
  const cases: [string, number[], number[], (x: Ref, y: Ref) => Ref][] = [
    ['vector · vector', [4], [4], (x, y) => reshapeRef(matMulRef(vecRef(x, true), vecRef(y, false)), [])],
    ['matrix · vector', [3, 4], [4], (x, y) => reshapeRef(matMulRef(x, vecRef(y, false)), [3])],
    ['vector · matrix', [4], [4, 2], (x, y) => reshapeRef(matMulRef(vecRef(x, true), y), [2])],
    ['matrix · matrix', [3, 4], [4, 2], (x, y) => matMulRef(x, y)],
  ];
  it.each(cases)('%s: values and gradients', (_, aShape, bShape, reference) => {
    checkGradients({ op: (x, y) => dot(x, y), reference, inputs: [randomTensor(rng, aShape), randomTensor(rng, bShape)] });
  });

  it('vector · vector is a scalar', () => {
    const d = dot(tensor([1, 2]), tensor([3, 4]));
    expect(d.shape).toEqual([]);
    expect(d.arraySync()).toBe(11);
  });

  it('rejects rank-0 and rank-3 operands, quoting the shapes', () => {
    expect(() => dot(tensor(1), tensor([1]))).toThrow(/dot: inputs must have rank 1 or 2, received shapes \[\] and \[1\]/);
    expect(() => dot(tensor([[[1]]]), tensor([1]))).toThrow(/dot: .*\[1,1,1\]/);
  });
});

describe('matMul with batch axes broadcast against each other (as TF.js)', () => {
  it('[2,1,4,5] · [3,5,6] gives [2,3,4,6], each matrix the product of the ones its index maps to, bit for bit', () => {
    const rng = xorshift(77);
    const a = randomTensor(rng, [2, 1, 4, 5]);
    const b = randomTensor(rng, [3, 5, 6]);
    const out = matMul(a, b);
    expect(out.shape).toEqual([2, 3, 4, 6]);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const single = matMul(a.slice([i, 0, 0, 0], [1, 1, 4, 5]).reshape([4, 5]), b.slice([j, 0, 0], [1, 5, 6]).reshape([5, 6]));
        expectSameBits(out.slice([i, j, 0, 0], [1, 1, 4, 6]).dataSync(), single.dataSync(), `batch (${i}, ${j})`);
      }
    }
  });
});
