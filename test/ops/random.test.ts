import { describe, expect, it } from 'vitest';
import { randomNormal, randomStandardNormal, randomUniform, randomUniformInt, truncatedNormal } from '../../src/ops/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { expectSameBits } from '../helpers/bits.js';

describe('random ops', () => {
  it('an explicit seed gives the same bits every call, and another seed other bits', () => {
    expectSameBits(randomUniform([50], 0, 1, 'float32', 3).values, randomUniform([50], 0, 1, 'float32', 3).values);
    expect(Array.from(randomUniform([50], 0, 1, 'float32', 3).values)).not.toEqual(Array.from(randomUniform([50], 0, 1, 'float32', 4).values));
    expectSameBits(randomNormal([50], 0, 1, 'float32', 0).values, randomNormal([50], 0, 1, 'float32', 0).values);
  });

  it('without a seed, the sequence of calls replays after setRandomSeed', () => {
    setRandomSeed(11);
    const first = [randomUniform([20]), randomNormal([20]), randomUniform([20])];
    setRandomSeed(11);
    const second = [randomUniform([20]), randomNormal([20]), randomUniform([20])];
    first.forEach((t, i) => expectSameBits(t.values, (second[i] as typeof t).values));
    expect(Array.from(first[0]?.values ?? [])).not.toEqual(Array.from(first[2]?.values ?? []));
  });

  it('values lie in their documented ranges, with the requested shape and dtype', () => {
    const u = randomUniform([10, 30], -2, 3, 'float32', 1);
    expect(u.shape).toEqual([10, 30]);
    expect(Array.from(u.values).every((v) => v >= -2 && v < 3)).toBe(true);
    const t = truncatedNormal([1000], 5, 2, 'float32', 1);
    expect(Array.from(t.values).every((v) => Math.abs(v - 5) <= 4)).toBe(true);
    const i = randomUniformInt([1000], -3, 4, { seed: 1 });
    expect(i.dtype).toBe('int32');
    expect(new Set(i.values)).toEqual(new Set([-3, -2, -1, 0, 1, 2, 3]));
    expect(randomStandardNormal([2, 2], 'float32', 1).shape).toEqual([2, 2]);
    expect(randomUniform([3], 0, 10, 'int32', 1).dtype).toBe('int32');
  });

  it('normal draws have about the requested mean and standard deviation', () => {
    const x = Array.from(randomNormal([20000], 3, 0.5, 'float32', 9).values);
    const m = x.reduce((p, v) => p + v, 0) / x.length;
    const sd = Math.sqrt(x.reduce((p, v) => p + (v - m) ** 2, 0) / x.length);
    expect(Math.abs(m - 3)).toBeLessThan(0.02);
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.02);
  });

  it('reject bad seeds, shapes and dtypes naming the op', () => {
    expect(() => randomUniform([2], 0, 1, 'float32', 1.5)).toThrow(/^randomUniform: seed must be an integer, received 1\.5/);
    expect(() => randomNormal([-1])).toThrow(/^randomNormal: shape \[-1\] is invalid/);
    expect(() => randomUniform([2], 0, 1, 'bool')).toThrow(/^randomUniform: dtype must be 'float32' or 'int32', received "bool"/);
  });
});
