import { describe, expect, it } from 'vitest';
import * as ops from '../../src/ops/index.js';
import { tensor, zeros } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';

/**
 * Errors at the boundary name the op, the argument, what was received and what was expected
 * (STYLE.md rule 4). Each regex below checks those parts of the message.
 */
const int = (shape: number[]): Tensor => zeros(shape, 'int32');

describe('incompatible broadcast shapes', () => {
  const binary: [string, (a: Tensor, b: Tensor) => Tensor][] = [
    ['add', ops.add], ['sub', ops.sub], ['mul', ops.mul], ['div', ops.div], ['maximum', ops.maximum], ['minimum', ops.minimum],
    ['equal', ops.equal], ['notEqual', ops.notEqual], ['greater', ops.greater], ['greaterEqual', ops.greaterEqual],
    ['less', ops.less], ['lessEqual', ops.lessEqual],
  ];
  it.each(binary)('%s names itself, both arguments and both shapes', (name, op) => {
    expect(() => op(zeros([2, 3]), zeros([4]))).toThrow(new RegExp(`^${name}: argument 'a' has shape \\[2,3\\] and argument 'b' has shape \\[4\\], which do not broadcast \\(axis -1: 3 vs 4\\); expected equal extents or 1`));
  });

  it('pow names its arguments base and exp', () => {
    expect(() => ops.pow(zeros([2]), zeros([3]))).toThrow(/^pow: argument 'base' has shape \[2\] and argument 'exp' has shape \[3\], which do not broadcast/);
  });

  it('logical ops name themselves', () => {
    expect(() => ops.logicalAnd(tensor([true, false]), tensor([true, false, true]))).toThrow(/^logicalAnd: argument 'a' has shape \[2\] and argument 'b' has shape \[3\]/);
  });

  it('where names the argument that does not fit', () => {
    const c = tensor([true, false]);
    expect(() => ops.where(c, zeros([3]), zeros([2]))).toThrow(/^where: argument 'condition' has shape \[2\] and argument 'a' has shape \[3\], which do not broadcast/);
    expect(() => ops.where(c, zeros([2]), zeros([3]))).toThrow(/^where: argument 'b' has shape \[3\], which does not broadcast with the shape \[2\] of 'condition' \[2\] and 'a' \[2\]/);
  });

  it('prelu names alpha', () => {
    expect(() => ops.prelu(zeros([2, 3]), zeros([2]))).toThrow(/^prelu: argument 'alpha' has shape \[2\] and argument 'x' has shape \[2,3\], which do not broadcast/);
  });
});

describe('matMul and dot shape errors', () => {
  it('matMul inner dimension mismatch quotes both arguments and shapes', () => {
    expect(() => ops.matMul(zeros([2, 3]), zeros([4, 5]))).toThrow(/^matMul: inner dimensions differ: a \[2,3\] has 3 columns but b \[4,5\] has 4 rows/);
    expect(() => ops.matMul(zeros([3, 2]), zeros([4, 5]), true)).toThrow(/a \[3,2\] \(transposed\) has 3 columns but b \[4,5\] has 4 rows/);
    expect(() => ops.matMul(zeros([2, 3]), zeros([5, 4]), false, true)).toThrow(/b \[5,4\] \(transposed\) has 4 rows/);
  });

  it('matMul rejects rank < 2 and mismatched batches', () => {
    expect(() => ops.matMul(zeros([3]), zeros([3, 2]))).toThrow(/^matMul: inputs must have rank ≥ 2, received shapes \[3\] and \[3,2\]/);
    expect(() => ops.matMul(zeros([2, 2, 3]), zeros([3, 3, 4]))).toThrow(/^matMul: argument 'a' has shape \[2\] and argument 'b' has shape \[3\], which do not broadcast/);
  });

  it('matMul never pairs batches whose shapes differ but whose counts agree', () => {
    expect(() => ops.matMul(zeros([2, 3, 2, 2]), zeros([3, 2, 2, 2]))).toThrow(/^matMul: .*\[2,3\].*\[3,2\].*do not broadcast/);
    expect(() => ops.matMul(zeros([6, 2, 2]), zeros([2, 3, 2, 2]))).toThrow(/^matMul: .*\[6\].*\[2,3\]/);
    expect(ops.matMul(zeros([2, 1, 2, 2]), zeros([3, 2, 2])).shape).toEqual([2, 3, 2, 2]); // batch axes broadcast, as in TF.js
    expect(() => ops.matMul(zeros([2, 2, 2]), zeros([3, 2, 2]))).toThrow(/^matMul: .*do not broadcast/);
  });

  it('dot names itself and the shapes the caller passed', () => {
    expect(() => ops.dot(zeros([3]), zeros([4]))).toThrow(/^dot: inner dimensions differ: a \[3\] has 3 columns but b \[4\] has 4 rows/);
    expect(() => ops.dot(zeros([2, 3]), zeros([2]))).toThrow(/^dot: inner dimensions differ: a \[2,3\] .* b \[2\]/);
  });
});

describe('bad axes, reshapes, slices, indices, concatenations', () => {
  it('reductions reject an axis out of range, naming op and axis', () => {
    for (const op of [ops.sum, ops.mean, ops.prod, ops.max, ops.min]) {
      expect(() => op(zeros([2, 3]), 2)).toThrow(new RegExp(`^${op.name}: axis 2 is out of range for a tensor of rank 2; expected an integer in \\[-2, 1\\]`));
    }
    expect(() => ops.argMax(zeros([2, 3]), -3)).toThrow(/^argMax: axis -3 is out of range/);
    expect(() => ops.softmax(zeros([2, 3]), 2)).toThrow(/^softmax: axis 2 is out of range/);
    expect(() => ops.logSoftmax(zeros([2, 3]), -3)).toThrow(/^logSoftmax: axis -3 is out of range/);
    expect(() => ops.logSumExp(zeros([2, 3]), 2)).toThrow(/^logSumExp: axis 2 is out of range/);
    expect(() => ops.concat([zeros([2])], 1)).toThrow(/^concat: axis 1 is out of range/);
    expect(() => ops.gather(zeros([2]), tensor([0], undefined, 'int32'), 1)).toThrow(/^gather: axis 1 is out of range/);
  });

  it('reshape quotes the source shape and the requested one', () => {
    expect(() => ops.reshape(zeros([2, 3]), [5])).toThrow(/^reshape: cannot reshape a tensor of shape \[2,3\] \(6 elements\) into \[5\] \(5 elements\)/);
  });

  it('slice quotes begin, size and shape', () => {
    expect(() => ops.slice(zeros([2, 3]), [0, 2], [1, 2])).toThrow(/^slice: begin \[0,2\] and size \[1,2\] do not fit inside shape \[2,3\] \(axis 1\)/);
  });

  it('gather quotes the bad index, the axis and the shape', () => {
    expect(() => ops.gather(zeros([2, 3]), tensor([1, 2], undefined, 'int32'))).toThrow(/^gather: indices\[1\] = 2 is out of range for axis 0 of shape \[2,3\]; expected integers in \[0, 1\]/);
  });

  it('concat quotes the mismatching tensor', () => {
    expect(() => ops.concat([zeros([2, 3]), zeros([2, 4])], 0)).toThrow(/^concat: tensors\[1\] has shape \[2,4\] \(float32\), which does not match tensors\[0\] \[2,3\] \(float32\) outside axis 0/);
  });
});

describe('float-only ops given int32 name the op and the argument', () => {
  const floatOnly: [string, string, () => Tensor][] = [
    ['exp', 'x', () => ops.exp(int([2]))],
    ['log', 'x', () => ops.log(int([2]))],
    ['sqrt', 'x', () => ops.sqrt(int([2]))],
    ['rsqrt', 'x', () => ops.rsqrt(int([2]))],
    ['sigmoid', 'x', () => ops.sigmoid(int([2]))],
    ['tanh', 'x', () => ops.tanh(int([2]))],
    ['softplus', 'x', () => ops.softplus(int([2]))],
    ['log1p', 'x', () => ops.log1p(int([2]))],
    ['expm1', 'x', () => ops.expm1(int([2]))],
    ['erf', 'x', () => ops.erf(int([2]))],
    ['matMul', 'a', () => ops.matMul(int([2, 2]), zeros([2, 2]))],
    ['matMul', 'b', () => ops.matMul(zeros([2, 2]), int([2, 2]))],
    ['dot', 'a', () => ops.dot(int([2]), zeros([2]))],
    ['softmax', 'logits', () => ops.softmax(int([2]))],
    ['logSoftmax', 'logits', () => ops.logSoftmax(int([2]))],
    ['logSumExp', 'x', () => ops.logSumExp(int([2]))],
  ];
  it.each(floatOnly)('%s(%s: int32)', (op, arg, call) => {
    expect(call).toThrow(new RegExp(`^${op}: argument '${arg}' has dtype int32; expected float32`));
  });

  it('bool is rejected the same way', () => {
    expect(() => ops.exp(tensor([true]))).toThrow(/^exp: argument 'x' has dtype bool; expected float32/);
  });
});

describe('arguments that are not tensors', () => {
  it('null and undefined name the op and argument', () => {
    expect(() => ops.add(null as never, 1)).toThrow(/^add: argument 'a' is null; expected a Tensor, a number or an array/);
    expect(() => ops.exp(undefined as never)).toThrow(/^exp: argument 'x' is undefined/);
  });

  it('ragged arrays name the op and argument', () => {
    expect(() => ops.mul([[1, 2], [3]], 2)).toThrow(/^mul: argument 'a' could not be converted to a tensor: element at values\[1\] has length 1; expected an array of length 2/);
  });
});
