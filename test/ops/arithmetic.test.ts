import { describe, expect, it } from 'vitest';
import { pow as pow32 } from '../../src/math/index.js';
import { add, div, grads, greater, maximum, minimum, mul, pow, sub } from '../../src/ops/index.js';
import { scalar, tensor } from '../../src/ops/create.js';
import { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { map, zip } from '../helpers/reference.js';
import type { RandomOptions, Rng } from '../helpers/rng.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

/** Random float32 bit patterns: NaNs, infinities, subnormals and signed zeros all occur. */
function randomBits(rng: Rng, size: number): Float32Array {
  const bits = new Uint32Array(size).map(() => rng.nextUint32());
  // Make sure the special values are present whatever the draw.
  const specials = [0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x00000001, 0x807fffff, 0x7f7fffff];
  bits.set(specials.slice(0, size), 0);
  return new Float32Array(bits.buffer);
}

describe('float32 elementwise arithmetic is correctly rounded', () => {
  const rng = xorshift(2024);
  const cases: [string, (a: Tensor, b: Tensor) => Tensor, (p: number, q: number) => number][] = [
    ['add', add, (p, q) => p + q],
    ['sub', sub, (p, q) => p - q],
    ['mul', mul, (p, q) => p * q],
    ['div', div, (p, q) => p / q],
  ];
  it.each(cases)('%s equals Math.fround(a op b) bit for bit on random bit patterns', (_, op, f) => {
    const a = randomBits(rng, 4096);
    const b = randomBits(rng, 4096);
    const out = op(new Tensor(a, [4096], 'float32'), new Tensor(b, [4096], 'float32'));
    expectSameBits(out.values, Array.from(a, (p, i) => Math.fround(f(p, b[i] as number))));
  });

  it.each(cases)('%s equals Math.fround(a op b) under broadcasting', (_, op, f) => {
    const a = randomBits(rng, 12);
    const b = randomBits(rng, 4);
    const out = op(new Tensor(a, [3, 1, 4], 'float32'), new Tensor(b, [2, 1], 'float32'));
    expect(out.shape).toEqual([3, 2, 4]);
    const expected: number[] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) for (let k = 0; k < 4; k++) expected.push(Math.fround(f(a[i * 4 + k] as number, b[j] as number)));
    expectSameBits(out.values, expected);
  });

  it('a plain number operand is rounded to float32 first', () => {
    expectSameBits(add(tensor([1]), 0.1).values, [Math.fround(1 + Math.fround(0.1))]);
    expectSameBits(mul(0.1, tensor([3])).values, [Math.fround(Math.fround(0.1) * 3)]);
  });

  it('pow agrees bit for bit with SameBits’ float32 pow', () => {
    const base = randomTensor(rng, [64], { lo: 0, hi: 4 });
    const exponent = randomTensor(rng, [64], { lo: -3, hi: 3 });
    expectSameBits(pow(base, exponent).values, Array.from(base.values, (b, i) => pow32(b, exponent.values[i] as number)));
  });
});

describe('integer and bool arithmetic', () => {
  const int = (values: number[]): Tensor => tensor(values, undefined, 'int32');

  it('int32 add, sub and mul wrap modulo 2^32', () => {
    expect(Array.from(add(int([2147483647, -2147483648]), int([1, -1])).values)).toEqual([-2147483648, 2147483647]);
    expect(Array.from(sub(int([-2147483648]), int([1])).values)).toEqual([2147483647]);
    expect(Array.from(mul(int([65536, 123456789]), int([65536, 1000])).values)).toEqual([0, Math.imul(123456789, 1000)]);
    expect(add(int([1]), int([2])).dtype).toBe('int32');
  });

  it('int32 mul is exact beyond 2^53, where float64 multiplication would round', () => {
    // 123456789 · 987654321 needs 57 bits; Math.imul gives the exact low 32 bits.
    expect(mul(int([123456789]), int([987654321])).values[0]).toBe(Math.imul(123456789, 987654321));
  });

  it('int32 div floors, as TF.js does', () => {
    expect(Array.from(div(int([7, -7, 7, -7, 6]), int([2, 2, -2, -2, 3])).values)).toEqual([3, -4, -4, 3, 2]);
    expect(div(int([7]), int([2])).dtype).toBe('int32');
  });

  it('a plain number is a float32 scalar, as in TF.js: it is never truncated to int32', () => {
    // TF.js 4.22 (ran): tf.mul(int32 [3, -3], 0.5) is float32 [1.5, -1.5]; tf.add(int32, 1) is float32.
    const m = mul(int([3, -3]), 0.5);
    expect(m.dtype).toBe('float32');
    expect(Array.from(m.values)).toEqual([1.5, -1.5]);
    expect(add(int([1, 2]), 3).dtype).toBe('float32');
    expect(Array.from(div(int([3]), 2).values)).toEqual([1.5]);
    expect(Array.from(greater(int([0, 1]), 0.5).values)).toEqual([0, 1]);
  });

  it('int32 stays int32 with an int32 scalar tensor', () => {
    const out = add(int([1, 2]), tensor(3, undefined, 'int32'));
    expect(out.dtype).toBe('int32');
    expect(Array.from(out.values)).toEqual([4, 5]);
  });

  it('int32 with float32 computes in float32', () => {
    const out = add(int([1]), tensor([0.5]));
    expect(out.dtype).toBe('float32');
    expect(out.values[0]).toBe(1.5);
  });

  it('bool operands compute in int32', () => {
    const t = tensor([true, true, false]);
    const out = add(t, t);
    expect(out.dtype).toBe('int32');
    expect(Array.from(out.values)).toEqual([2, 2, 0]);
  });
});

describe('maximum and minimum', () => {
  it('pick the larger or smaller value, with broadcasting', () => {
    expect(maximum(tensor([[1, 5], [3, -2]]), tensor([2, 0])).arraySync()).toEqual([[2, 5], [3, 0]]);
    expect(minimum(tensor([[1, 5], [3, -2]]), tensor([2, 0])).arraySync()).toEqual([[1, 0], [2, -2]]);
  });

  it('propagate NaN from either side', () => {
    const a = tensor([NaN, 1, NaN]);
    const b = tensor([1, NaN, NaN]);
    expect(Array.from(maximum(a, b).values).every(Number.isNaN)).toBe(true);
    expect(Array.from(minimum(a, b).values).every(Number.isNaN)).toBe(true);
  });

  it('handle infinities', () => {
    expect(Array.from(maximum(tensor([-Infinity, 3]), tensor([Infinity, -Infinity])).values)).toEqual([Infinity, 3]);
    expect(Array.from(minimum(tensor([-Infinity, 3]), tensor([Infinity, -Infinity])).values)).toEqual([-Infinity, -Infinity]);
  });

  it('send the gradient of a tie to the first argument, as TF.js', () => {
    const [ga, gb] = gradsOf((a, b) => maximum(a, b), [tensor([1, 2]), tensor([1, 3])]);
    expect(Array.from(ga.values)).toEqual([1, 0]);
    expect(Array.from(gb.values)).toEqual([0, 1]);
    const [ha, hb] = gradsOf((a, b) => minimum(a, b), [tensor([1, 2]), tensor([1, 3])]);
    expect(Array.from(ha.values)).toEqual([1, 1]);
    expect(Array.from(hb.values)).toEqual([0, 0]);
  });
});

function gradsOf(f: (a: Tensor, b: Tensor) => Tensor, xs: Tensor[]): [Tensor, Tensor] {
  return grads((a, b) => f(a as Tensor, b as Tensor))(xs) as [Tensor, Tensor];
}

/** Values on a grid of 0.2; `offset` 0.1 puts b's grid between a's, so a and b never tie. */
function gridTensor(rng: Rng, shape: readonly number[], offset: number): Tensor {
  const size = shape.reduce((p, d) => p * d, 1);
  return new Tensor(Float32Array.from({ length: size }, () => 0.2 * (rng.int(21) - 10) + offset), shape, 'float32');
}

interface BinaryCase {
  name: string;
  op: (a: Tensor, b: Tensor) => Tensor;
  f: (p: number, q: number) => number;
  a?: RandomOptions;
  b?: RandomOptions;
  grid?: boolean;
}

const binaryCases: BinaryCase[] = [
  { name: 'add', op: add, f: (p, q) => p + q },
  { name: 'sub', op: sub, f: (p, q) => p - q },
  { name: 'mul', op: mul, f: (p, q) => p * q },
  { name: 'div', op: div, f: (p, q) => p / q, b: { avoid: [0], margin: 0.3 } },
  { name: 'maximum', op: maximum, f: Math.max, grid: true },
  { name: 'minimum', op: minimum, f: Math.min, grid: true },
  { name: 'pow', op: pow, f: Math.pow, a: { lo: 0.3, hi: 2 }, b: { lo: -2, hi: 2 } },
];

const broadcastPairs: [number[], number[]][] = [
  [[2, 3], [2, 3]],
  [[2, 3], [3]], [[3], [2, 3]],
  [[2, 1], [1, 3]], [[1, 3], [2, 1]],
  [[], [2, 3]], [[2, 3], []],
  [[4, 1, 3], [2, 1]], [[2, 1], [4, 1, 3]],
];

describe.each(binaryCases)('$name gradients match float64 central differences', ({ op, f, a, b, grid }) => {
  it.each(broadcastPairs)('shapes %j and %j', (aShape, bShape) => {
    const rng = xorshift(aShape.length * 31 + bShape.length * 7 + 1);
    const x = grid ? gridTensor(rng, aShape, 0) : randomTensor(rng, aShape, a);
    const y = grid ? gridTensor(rng, bShape, 0.1) : randomTensor(rng, bShape, b);
    checkGradients({ op, reference: (p: Ref, q: Ref) => zip(p, q, f), inputs: [x, y] });
  });
});

describe('gradients with one constant operand', () => {
  const rng = xorshift(8);
  it('pow of a negative base to a constant integer exponent differentiates the base', () => {
    const x = randomTensor(rng, [2, 3], { lo: -2, hi: -0.2 });
    for (const e of [2, 3, -1]) {
      checkGradients({ op: (t) => pow(t, e), reference: (t: Ref) => map(t, (v) => Math.pow(v, e)), inputs: [x] });
    }
  });

  it('pow of a constant base differentiates the exponent', () => {
    const e = randomTensor(rng, [5], { lo: -2, hi: 2 });
    checkGradients({ op: (t) => pow(3, t), reference: (t: Ref) => map(t, (v) => Math.pow(Math.fround(3), v)), inputs: [e] });
  });

  it('pow gives the exponent a zero gradient where the base is not positive', () => {
    const [, gExp] = gradsOf((p, q) => pow(p, q), [tensor([-2, 0, 2]), tensor([2, 2, 2])]);
    expect(Array.from(gExp.values).slice(0, 2)).toEqual([0, 0]);
    expect(gExp.values[2]).toBeCloseTo(4 * Math.log(2), 5);
  });

  it('scalar tensors and numbers mix with tensors', () => {
    const x = randomTensor(rng, [3]);
    checkGradients({ op: (t) => div(scalar(2), add(mul(t, t), 1)), reference: (t: Ref) => map(t, (v) => 2 / (v * v + 1)), inputs: [x] });
  });
});
