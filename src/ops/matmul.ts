import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import { formatShape, sizeOf } from '../tensor/shape.js';
import { Tensor } from './tensor.js';
import type { TensorInput } from './operand.js';
import { broadcastShape, operand, requireFloat } from './operand.js';
import { unbroadcast } from './broadcast.js';
import { reshape } from './reshape.js';
import { sum } from './reduce.js';

/**
 * Matrix product of rank-2 tensors, or batched over leading axes of rank-3+ tensors (a batch of
 * 1 broadcasts), with optional transposes (TF.js `matMul`). Reference order: see the kernel —
 * each output sums k in increasing order in float32, no fused multiply-add.
 * Gradient: dA = dy·Bᵀ, dB = Aᵀ·dy (transposes folded in).
 * @example matMul(tensor2d([[1, 2]]), tensor2d([[3], [4]])) // [[11]]
 */
export function matMul(a: TensorInput, b: TensorInput, transposeA = false, transposeB = false): Tensor {
  const $a = operand(a, 'a', 'matMul');
  const $b = operand(b, 'b', 'matMul');
  requireFloat($a, 'a', 'matMul');
  requireFloat($b, 'b', 'matMul');
  if ($a.rank < 2 || $b.rank < 2) {
    throw new Error(`matMul: inputs must have rank ≥ 2, received shapes ${formatShape($a.shape)} and ${formatShape($b.shape)} (use dot for vectors)`);
  }
  const [ar, ac] = $a.shape.slice(-2) as [number, number];
  const [br, bc] = $b.shape.slice(-2) as [number, number];
  const m = transposeA ? ac : ar;
  const k = transposeA ? ar : ac;
  const kb = transposeB ? bc : br;
  const n = transposeB ? br : bc;
  if (k !== kb) {
    throw new Error(`matMul: inner dimensions differ: a ${formatShape($a.shape)}${transposeA ? ' (transposed)' : ''} has ${k} columns but b ${formatShape($b.shape)}${transposeB ? ' (transposed)' : ''} has ${kb} rows`);
  }
  const aBatch = $a.shape.slice(0, -2);
  const bBatch = $b.shape.slice(0, -2);
  const aCount = sizeOf(aBatch);
  const bCount = sizeOf(bBatch);
  const batchShape = broadcastShape(aBatch, bBatch, 'matMul');
  const batch = sizeOf(batchShape);
  const out = new Tensor(new Float32Array(batch * m * n), [...batchShape, m, n], 'float32');
  const [av, bv, ov] = [$a.values as Float32Array, $b.values as Float32Array, out.values as Float32Array];
  if ((aCount === batch || aCount === 1) && (bCount === batch || bCount === 1)) {
    kernels.matMul(av, bv, ov, {
      batch, m, k, n, transposeA, transposeB,
      aBatchStride: aCount === 1 ? 0 : ar * ac,
      bBatchStride: bCount === 1 ? 0 : br * bc,
    });
  } else {
    // Batch axes broadcast against each other ([2,1] with [3] gives [2,3], as in TF.js): each
    // output matrix is the product of the a and b matrices its batch index maps to.
    const sa = kernels.broadcastStrides(aBatch, batchShape);
    const sb = kernels.broadcastStrides(bBatch, batchShape);
    const one = { batch: 1, m, k, n, transposeA, transposeB, aBatchStride: 0, bBatchStride: 0 };
    const index = new Array<number>(batchShape.length).fill(0);
    for (let t = 0; t < batch; t++) {
      let ia = 0;
      let ib = 0;
      index.forEach((d, axis) => { ia += d * (sa[axis] as number); ib += d * (sb[axis] as number); });
      kernels.matMul(av.subarray(ia * ar * ac, (ia + 1) * ar * ac), bv.subarray(ib * br * bc, (ib + 1) * br * bc), ov.subarray(t * m * n, (t + 1) * m * n), one);
      for (let axis = batchShape.length - 1; axis >= 0; axis--) {
        if (++(index[axis] as number) < (batchShape[axis] as number)) break;
        index[axis] = 0;
      }
    }
  }
  record('matMul', [$a, $b], out, (dy, needs) => {
    // The products are the expensive part of a backward pass: skip those nobody needs.
    const da = !needs[0] ? null : transposeA ? matMul($b, dy, transposeB, true) : matMul(dy, $b, false, !transposeB);
    const db = !needs[1] ? null : transposeB ? matMul(dy, $a, true, transposeA) : matMul($a, dy, !transposeA, false);
    return [da && reduceBatch(da, $a.shape), db && reduceBatch(db, $b.shape)];
  });
  return out;
}

/**
 * Sums a batched gradient over the batch axes its operand was broadcast along: all of them for a
 * batch of 1, else NumPy's rule (the partial broadcast of batch axes).
 */
function reduceBatch(g: Tensor, shape: readonly number[]): Tensor {
  if (g.size === shape.reduce((p, d) => p * d, 1)) return reshape(g, shape);
  if (sizeOf(shape.slice(0, -2)) !== 1) return unbroadcast(g, shape);
  const axes = g.shape.slice(0, -2).map((_, i) => i);
  return reshape(sum(g, axes), shape);
}

/**
 * Dot product of vectors and matrices (TF.js `dot`): vector·vector gives a scalar,
 * matrix·vector a vector, vector·matrix a vector, matrix·matrix a matrix.
 * @example dot(tensor([1, 2]), tensor([3, 4])) // 11
 */
export function dot(a: TensorInput, b: TensorInput): Tensor {
  const $a = operand(a, 'a', 'dot');
  const $b = operand(b, 'b', 'dot');
  requireFloat($a, 'a', 'dot');
  requireFloat($b, 'b', 'dot');
  if ($a.rank < 1 || $a.rank > 2 || $b.rank < 1 || $b.rank > 2) {
    throw new Error(`dot: inputs must have rank 1 or 2, received shapes ${formatShape($a.shape)} and ${formatShape($b.shape)}`);
  }
  const ka = $a.shape[$a.rank - 1] as number;
  const kb = $b.shape[0] as number;
  if (ka !== kb) {
    throw new Error(`dot: inner dimensions differ: a ${formatShape($a.shape)} has ${ka} columns but b ${formatShape($b.shape)} has ${kb} rows; expected them equal`);
  }
  const a2 = $a.rank === 1 ? reshape($a, [1, $a.size]) : $a;
  const b2 = $b.rank === 1 ? reshape($b, [$b.size, 1]) : $b;
  const product = matMul(a2, b2);
  if ($a.rank === 1 && $b.rank === 1) return reshape(product, []);
  if ($a.rank === 1) return reshape(product, [product.shape[1] as number]);
  if ($b.rank === 1) return reshape(product, [product.shape[0] as number]);
  return product;
}
