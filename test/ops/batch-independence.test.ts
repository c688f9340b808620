import { describe, it } from 'vitest';
import { add, concat, gelu, logSoftmax, logSumExp, matMul, max, mean, relu, slice, softmax, sum, tanh } from '../../src/ops/index.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

/**
 * DESIGN.md law 2: results never depend on the batch size used to compute them. Each function
 * below maps rows to rows; running it on all rows at once must give the bits of running it on
 * row chunks and concatenating.
 */
function inChunks(f: (rows: Tensor) => Tensor, x: Tensor, chunk: number): Tensor {
  const n = x.shape[0] as number;
  const parts: Tensor[] = [];
  for (let start = 0; start < n; start += chunk) parts.push(f(slice(x, [start], [Math.min(chunk, n - start)])));
  return concat(parts, 0);
}

describe('row-wise results do not depend on the batch size', () => {
  const rng = xorshift(4242);
  const n = 37;
  const x = randomTensor(rng, [n, 300], { lo: -1, hi: 1 });
  const w = randomTensor(rng, [300, 24], { lo: -0.2, hi: 0.2 });
  const wt = randomTensor(rng, [24, 300], { lo: -0.2, hi: 0.2 });
  const b = randomTensor(rng, [24], { lo: -0.1, hi: 0.1 });
  const w2 = randomTensor(rng, [24, 10], { lo: -0.5, hi: 0.5 });

  const functions: [string, (rows: Tensor) => Tensor][] = [
    ['matMul', (r) => matMul(r, w)],
    ['matMul with transposed weights', (r) => matMul(r, wt, false, true)],
    ['dense → relu → dense → softmax', (r) => softmax(matMul(relu(add(matMul(r, w), b)), w2))],
    ['dense → tanh → logSoftmax', (r) => logSoftmax(tanh(add(matMul(r, w), b)))],
    ['dense → gelu → row sum, mean, max, logSumExp', (r) => {
      const h = gelu(add(matMul(r, w), b));
      return concat([sum(h, 1, true), mean(h, 1, true), max(h, 1, true), logSumExp(h, 1, true)], 1);
    }],
  ];

  it.each(functions)('%s: whole batch equals chunks of 1, 5 and 16, bit for bit', (_, f) => {
    const whole = f(x);
    for (const chunk of [1, 5, 16]) expectSameBits(inChunks(f, x, chunk).values, whole.values, `chunk ${chunk}`);
  });
});
