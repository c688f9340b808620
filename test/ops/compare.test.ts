import { describe, expect, it } from 'vitest';
import {
  equal, greater, greaterEqual, isFinite, isNaN, less, lessEqual, logicalAnd, logicalNot, logicalOr, notEqual, where,
} from '../../src/ops/index.js';
import { tensor } from '../../src/ops/create.js';
import { Tensor } from '../../src/ops/tensor.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { refOf, zip3 } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

const values = (t: Tensor): number[] => Array.from(t.values);

describe('comparisons give bool tensors', () => {
  const a = tensor([1, 2, 3, NaN]);
  const b = tensor([2, 2, 2, NaN]);

  it('each predicate, elementwise; NaN compares false except in notEqual', () => {
    expect(values(equal(a, b))).toEqual([0, 1, 0, 0]);
    expect(values(notEqual(a, b))).toEqual([1, 0, 1, 1]);
    expect(values(greater(a, b))).toEqual([0, 0, 1, 0]);
    expect(values(greaterEqual(a, b))).toEqual([0, 1, 1, 0]);
    expect(values(less(a, b))).toEqual([1, 0, 0, 0]);
    expect(values(lessEqual(a, b))).toEqual([1, 1, 0, 0]);
    for (const op of [equal, notEqual, greater, greaterEqual, less, lessEqual]) expect(op(a, b).dtype).toBe('bool');
  });

  it('broadcast, and accept numbers', () => {
    const t = greater(tensor([[1, 5], [3, 4]]), tensor([2, 4]));
    expect(t.shape).toEqual([2, 2]);
    expect(t.arraySync()).toEqual([[0, 1], [1, 0]]);
    expect(values(equal(tensor([1, 2, 3]), 2))).toEqual([0, 1, 0]);
  });

  it('compare int32 with float32 by value', () => {
    expect(values(less(tensor([1, 2], undefined, 'int32'), tensor([1.5, 1.5])))).toEqual([1, 0]);
  });

  it('logical and, or, not on bool tensors', () => {
    const p = tensor([true, true, false, false]);
    const q = tensor([true, false, true, false]);
    expect(values(logicalAnd(p, q))).toEqual([1, 0, 0, 0]);
    expect(values(logicalOr(p, q))).toEqual([1, 1, 1, 0]);
    expect(values(logicalNot(p))).toEqual([0, 0, 1, 1]);
  });

  it('isNaN and isFinite', () => {
    const x = tensor([0, NaN, Infinity, -Infinity, -2]);
    expect(values(isNaN(x))).toEqual([0, 1, 0, 0, 0]);
    expect(values(isFinite(x))).toEqual([1, 0, 0, 0, 1]);
  });
});

describe('where', () => {
  it('picks a where the condition holds and b elsewhere, broadcasting all three', () => {
    const out = where(tensor([[true], [false]]), tensor([1, 2, 3]), 0);
    expect(out.shape).toEqual([2, 3]);
    expect(out.arraySync()).toEqual([[1, 2, 3], [0, 0, 0]]);
  });

  it('keeps int32 when both branches are int32', () => {
    const out = where(tensor([true, false]), tensor([1, 2], undefined, 'int32'), tensor([7, 8], undefined, 'int32'));
    expect(out.dtype).toBe('int32');
    expect(values(out)).toEqual([1, 8]);
  });

  const shapes: [number[], number[], number[]][] = [
    [[2, 3], [2, 3], [2, 3]],
    [[2, 1], [3], []],
    [[3], [2, 1], [2, 3]],
    [[4, 1, 3], [2, 1], [1]],
  ];
  it.each(shapes)('gradients flow to the chosen branch only: condition %j, a %j, b %j', (cShape, aShape, bShape) => {
    const rng = xorshift(cShape.length + 10 * aShape.length);
    const c = randomTensor(rng, cShape);
    const condition = greater(c, 0);
    const cRef = refOf(cShape, condition.values);
    checkGradients({
      op: (a, b) => where(condition, a, b),
      reference: (a: Ref, b: Ref) => zip3(cRef, a, b, (k, p, q) => (k ? p : q)),
      inputs: [randomTensor(rng, aShape), randomTensor(rng, bShape)],
    });
  });

  it('rejects a non-bool condition, naming the argument and its dtype', () => {
    expect(() => where(tensor([1, 0]), tensor([1, 2]), tensor([3, 4]))).toThrow(/where: argument 'condition' has dtype float32; expected bool/);
  });
});
