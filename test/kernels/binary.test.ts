import { describe, expect, it } from 'vitest';
import { binaryBroadcast, ternaryBroadcast } from '../../src/kernels/reference/binary.js';
import { broadcastStrides } from '../../src/kernels/strides.js';
import { unaryMap } from '../../src/kernels/reference/unary.js';
import { expectSameBits } from '../helpers/bits.js';
import { broadcastShapes, refOf, zip, zip3 } from '../helpers/reference.js';
import { randomValues, xorshift } from '../helpers/rng.js';

const size = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

describe('broadcastStrides', () => {
  it('gives 0 on broadcast and missing leading axes', () => {
    expect(broadcastStrides([3, 1], [2, 3, 4])).toEqual([0, 1, 0]);
    expect(broadcastStrides([2, 3], [2, 3])).toEqual([3, 1]);
    expect(broadcastStrides([], [2, 2])).toEqual([0, 0]);
  });
});

describe('binaryBroadcast', () => {
  const rng = xorshift(11);
  const pairs: [number[], number[]][] = [
    [[2, 3], [2, 3]], [[2, 3], [3]], [[3], [2, 3]], [[2, 1], [1, 3]], [[], [2, 3]], [[2, 3], []],
    [[4, 1, 3], [2, 1]], [[2, 1], [4, 1, 3]], [[1], [5]], [[2, 0], [1]],
  ];
  it.each(pairs)('stores fl32(a − b) at broadcast positions: %j with %j', (aShape, bShape) => {
    const a = randomValues(rng, size(aShape));
    const b = randomValues(rng, size(bShape));
    const shape = broadcastShapes(aShape, bShape);
    const out = new Float32Array(size(shape));
    binaryBroadcast(a, aShape, b, bShape, shape, out, (p, q) => p - q);
    expectSameBits(out, Float32Array.from(zip(refOf(aShape, a), refOf(bShape, b), (p, q) => p - q).data));
  });

  it('rounds through the output type: an Int32Array output wraps modulo 2^32', () => {
    const out = new Int32Array(1);
    binaryBroadcast([2147483647], [1], [1], [1], [1], out, (p, q) => p + q);
    expect(out[0]).toBe(-2147483648);
  });
});

describe('ternaryBroadcast and unaryMap', () => {
  it('ternaryBroadcast picks per broadcast position', () => {
    const rng = xorshift(12);
    const cShape = [2, 1];
    const aShape = [3];
    const bShape = [4, 1, 1];
    const c = [1, 0];
    const a = randomValues(rng, 3);
    const b = randomValues(rng, 4);
    const shape = broadcastShapes(cShape, aShape, bShape);
    const out = new Float32Array(size(shape));
    ternaryBroadcast(c, cShape, a, aShape, b, bShape, shape, out, (k, p, q) => (k ? p : q));
    expectSameBits(out, Float32Array.from(zip3(refOf(cShape, c), refOf(aShape, a), refOf(bShape, b), (k, p, q) => (k ? p : q)).data));
  });

  it('unaryMap applies f to each element and rounds on store', () => {
    const out = new Float32Array(3);
    unaryMap([1, 2, 3], out, (v) => v / 3);
    expectSameBits(out, [1 / 3, 2 / 3, 1].map(Math.fround));
  });
});
