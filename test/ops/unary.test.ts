import { describe, expect, it } from 'vitest';
import * as math from '../../src/math/index.js';
import {
  abs, erf, exp, grad, expm1, log, log1p, neg, reciprocal, relu, rsqrt, sigmoid, sign, softplus, sqrt, square, tanh,
} from '../../src/ops/index.js';
import { tensor } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { erf64, map } from '../helpers/reference.js';
import type { RandomOptions } from '../helpers/rng.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

interface UnaryCase {
  name: string;
  op: (x: Tensor) => Tensor;
  f: (v: number) => number;
  domain?: RandomOptions;
}

const sigmoid64 = (v: number): number => 1 / (1 + Math.exp(-v));

const unaryCases: UnaryCase[] = [
  { name: 'neg', op: neg, f: (v) => -v },
  { name: 'abs', op: abs, f: Math.abs, domain: { avoid: [0] } },
  { name: 'exp', op: exp, f: Math.exp, domain: { lo: -4, hi: 4 } },
  { name: 'log', op: log, f: Math.log, domain: { lo: 0.1, hi: 5 } },
  { name: 'sqrt', op: sqrt, f: Math.sqrt, domain: { lo: 0.1, hi: 5 } },
  { name: 'rsqrt', op: rsqrt, f: (v) => 1 / Math.sqrt(v), domain: { lo: 0.1, hi: 5 } },
  { name: 'square', op: square, f: (v) => v * v },
  { name: 'reciprocal', op: reciprocal, f: (v) => 1 / v, domain: { avoid: [0], margin: 0.2 } },
  { name: 'relu', op: relu, f: (v) => Math.max(v, 0), domain: { avoid: [0] } },
  { name: 'sigmoid', op: sigmoid, f: sigmoid64, domain: { lo: -6, hi: 6 } },
  { name: 'tanh', op: tanh, f: Math.tanh, domain: { lo: -3, hi: 3 } },
  { name: 'softplus', op: softplus, f: (v) => Math.log1p(Math.exp(v)), domain: { lo: -6, hi: 6 } },
  { name: 'log1p', op: log1p, f: Math.log1p, domain: { lo: -0.9, hi: 4 } },
  { name: 'expm1', op: expm1, f: Math.expm1, domain: { lo: -3, hi: 3 } },
  { name: 'erf', op: erf, f: erf64, domain: { lo: -2.5, hi: 2.5 } },
];

describe.each(unaryCases)('$name', ({ op, f, domain }) => {
  it('matches a float64 reference and its gradient matches central differences', () => {
    const rng = xorshift(42);
    for (const shape of [[7], [2, 3, 4]]) {
      const x = randomTensor(rng, shape, domain);
      checkGradients({ op, reference: (t: Ref) => map(t, f), inputs: [x] });
    }
  });
});

describe('forward values', () => {
  const rng = xorshift(43);
  const x = randomTensor(rng, [256], { lo: -10, hi: 10 });
  const positive = randomTensor(rng, [256], { lo: 0, hi: 100 });

  it('exact ops are exact: neg, abs, sqrt, square, reciprocal, rsqrt', () => {
    expectSameBits(neg(x).values, Array.from(x.values, (v) => -v));
    expectSameBits(abs(x).values, Array.from(x.values, Math.abs));
    expectSameBits(sqrt(positive).values, Array.from(positive.values, (v) => Math.fround(Math.sqrt(v))));
    expectSameBits(square(x).values, Array.from(x.values, (v) => Math.fround(v * v)));
    expectSameBits(reciprocal(x).values, Array.from(x.values, (v) => Math.fround(1 / v)));
    expectSameBits(rsqrt(positive).values, Array.from(positive.values, (v) => Math.fround(1 / Math.fround(Math.sqrt(v)))));
  });

  it('elementary functions are SameBits’ own, bit for bit', () => {
    const pairs: [(t: Tensor) => Tensor, (v: number) => number, Tensor][] = [
      [exp, math.exp, x], [log, math.log, positive], [sigmoid, math.sigmoid, x], [tanh, math.tanh, x],
      [softplus, math.softplus, x], [log1p, math.log1p, positive], [expm1, math.expm1, x], [erf, math.erf, x],
    ];
    for (const [op, f, input] of pairs) expectSameBits(op(input).values, Array.from(input.values, f), op.name);
  });

  it('special values: log(0) = −∞, log(−1) = NaN, sqrt(−1) = NaN, exp(−∞) = 0', () => {
    expect(Array.from(log(tensor([0, -1])).values)).toEqual([-Infinity, NaN]);
    expect(Number.isNaN(sqrt(tensor([-1])).values[0])).toBe(true);
    expect(exp(tensor([-Infinity, Infinity])).arraySync()).toEqual([0, Infinity]);
  });

  it('sign gives −1, 0, 1 and keeps NaN', () => {
    const s = sign(tensor([-3, -0, 0, 2, NaN]));
    expect(Array.from(s.values).slice(0, 4)).toEqual([-1, 0, 0, 1]);
    expect(Number.isNaN(s.values[4])).toBe(true);
  });

  it('relu passes NaN through and maps negatives (and −0) to +0', () => {
    const r = relu(tensor([NaN, -1, -0, 0, 2]));
    expect(Number.isNaN(r.values[0])).toBe(true);
    expect(Array.from(r.values).slice(1).every((v, i) => Object.is(v, [0, 0, 0, 2][i]))).toBe(true);
  });

  it('neg, abs, relu and square keep int32 as int32', () => {
    const i = tensor([-3, 4], undefined, 'int32');
    for (const op of [neg, abs, relu, square]) {
      expect(op(i).dtype).toBe('int32');
    }
    expect(Array.from(relu(i).values)).toEqual([0, 4]);
  });

  it('relu has zero gradient at 0 (it is not maximum(x, 0))', () => {
    expect(Array.from(grad((t) => relu(t))(tensor([-1, 0, 1])).values)).toEqual([0, 0, 1]);
  });
});
