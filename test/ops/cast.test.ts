import { describe, expect, it } from 'vitest';
import { cast, greater, grad, grads, mul, sum } from '../../src/ops/index.js';
import { tensor } from '../../src/ops/create.js';
import type { DataType } from '../../src/tensor/dtype.js';
import { expectSameBits } from '../helpers/bits.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { map } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

describe('cast', () => {
  it('to int32 truncates toward zero; NaN becomes 0', () => {
    const t = cast(tensor([1.7, -1.7, 0.5, -0.5, NaN, 3]), 'int32');
    expect(t.dtype).toBe('int32');
    expect(Array.from(t.values)).toEqual([1, -1, 0, 0, 0, 3]);
  });

  it('to bool is x ≠ 0 (NaN is false)', () => {
    expect(Array.from(cast(tensor([2, 0, -0.1, NaN]), 'bool').values)).toEqual([1, 0, 1, 0]);
  });

  it('to float32 from int32 and bool gives the same numbers', () => {
    expect(Array.from(cast(tensor([-3, 7], undefined, 'int32'), 'float32').values)).toEqual([-3, 7]);
    expect(Array.from(cast(tensor([true, false]), 'float32').values)).toEqual([1, 0]);
  });

  it('to the same dtype returns the tensor unchanged', () => {
    const t = tensor([1, 2]);
    expect(cast(t, 'float32')).toBe(t);
  });

  it('rejects an unknown dtype', () => {
    expect(() => cast(tensor([1]), 'float16' as DataType)).toThrow(/cast: dtype must be 'float32', 'int32' or 'bool', received "float16"/);
  });

  it('passes the gradient through a float32 cast', () => {
    const x = randomTensor(xorshift(4), [2, 3]);
    checkGradients({ op: (t) => mul(cast(t, 'float32'), t), reference: (t: Ref) => map(t, (v) => v * v), inputs: [x] });
  });

  it('stops the gradient at an int32 or bool cast: a mask built from x is a constant', () => {
    const x = tensor([-2, 3, 5]);
    const g = grad((t) => sum(mul(t, cast(greater(t, 0), 'float32'))))(x);
    expectSameBits(g.values, [0, 1, 1]);
    expect(() => grads((t) => cast(cast(t, 'int32'), 'float32'))([x])).toThrow(/does not depend on argument 0/);
  });
});
