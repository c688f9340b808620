import { afterEach, describe, expect, it } from 'vitest';
import { expectSameBits } from '../helpers/bits.js';
import { moments } from '../helpers/moments.js';
import { DEFAULT_SEED, foldIn, foldInPath, key, normalFloat32, setGlobalSeed, truncatedNormalFloat32, uniformRange } from '../../src/random/index.js';
import { randomNormal, randomUniform, truncatedNormal } from '../../src/initializers/random.js';

afterEach(() => setGlobalSeed(DEFAULT_SEED));

describe('randomUniform', () => {
  it('draws float32 values of the requested shape in [-0.05, 0.05) by default', () => {
    const t = randomUniform().apply([40, 50], 'float32', key(1));
    expect(t.shape).toEqual([40, 50]);
    expect(t.dtype).toBe('float32');
    const values = t.dataSync();
    expect(Math.min(...values)).toBeGreaterThanOrEqual(Math.fround(-0.05));
    expect(Math.max(...values)).toBeLessThan(Math.fround(0.05));
    expect(Math.max(...values)).toBeGreaterThan(0.049);
  });

  it('is uniformRange of the key, element i at position i', () => {
    const values = randomUniform({ minval: -1, maxval: 3 }).apply([7, 3], 'float32', key(4)).dataSync();
    expectSameBits(values, uniformRange(key(4), 21, -1, 3));
  });

  it('keeps minval 0 (TF.js turns it into -0.05)', () => {
    const init = randomUniform({ minval: 0, maxval: 1 });
    expect(init.minval).toBe(0);
    expect(Math.min(...init.apply([1000], 'float32', key(2)).dataSync())).toBeGreaterThanOrEqual(0);
  });

  it('gives identical bits for the same key and different values for different keys', () => {
    const init = randomUniform();
    expectSameBits(init.apply([64], 'float32', key(3)).dataSync(), init.apply([64], 'float32', key(3)).dataSync());
    expect(init.apply([64], 'float32', key(3)).dataSync()).not.toEqual(init.apply([64], 'float32', key(4)).dataSync());
  });

  it('with a seed ignores the key and repeats its values at every call (Keras 3)', () => {
    const init = randomUniform({ seed: 42 });
    const first = init.apply([32], 'float32', key(1)).dataSync();
    expectSameBits(init.apply([32], 'float32', key(2)).dataSync(), first);
    expectSameBits(init.apply([32]).dataSync(), first);
    expectSameBits(first, uniformRange(key(42), 32, -0.05, 0.05));
  });

  it('treats seed 0 as a seed like any other', () => {
    const zero = randomUniform({ seed: 0 }).apply([16]).dataSync();
    expectSameBits(zero, uniformRange(key(0), 16, -0.05, 0.05));
    expect(zero).not.toEqual(randomUniform({ seed: 1 }).apply([16]).dataSync());
  });

  it('without seed or key draws from the global seed: reproducible after setting it again', () => {
    const init = randomUniform();
    setGlobalSeed(5);
    const a = init.apply([8]).dataSync();
    const b = init.apply([8]).dataSync();
    setGlobalSeed(5);
    expectSameBits(init.apply([8]).dataSync(), a);
    expect(b).not.toEqual(a);
  });

  it("without seed or key, call i uses the global seed's key for purpose 'initializer/<className>' folded with i", () => {
    setGlobalSeed(9);
    const init = randomUniform();
    init.apply([4]);
    const expected = uniformRange(foldIn(foldInPath(key(9), 'initializer/RandomUniform'), 1), 4, -0.05, 0.05);
    expectSameBits(init.apply([4]).dataSync(), expected);
  });

  it('rejects minval > maxval, non-finite bounds and non-integer seeds, naming the argument', () => {
    expect(() => randomUniform({ minval: 1, maxval: 0 })).toThrow(/RandomUniform: expected minval <= maxval, received minval=1, maxval=0/);
    expect(() => randomUniform({ maxval: Number.NaN })).toThrow(/RandomUniform: expected maxval to be a finite number, received maxval=NaN/);
    expect(() => randomUniform({ maxval: 1e39 })).toThrow(/RandomUniform: expected minval and maxval within the float32 range/);
    expect(() => randomUniform({ seed: 1.5 })).toThrow(/RandomUniform: expected seed to be an integer or null, received seed=1.5/);
    expect(() => randomUniform(3 as unknown as { seed: number })).toThrow(/RandomUniform: expected an options object/);
  });

  it('refuses non-float dtypes', () => {
    expect(() => randomUniform().apply([2], 'int32', key(0))).toThrow(/RandomUniform: expected dtype 'float32' for random values, received dtype="int32"/);
  });
});

describe('randomNormal and truncatedNormal', () => {
  it('randomNormal is normalFloat32 of the key with the given mean and stddev', () => {
    const values = randomNormal({ mean: 1, stddev: 2 }).apply([5, 4], 'float32', key(8)).dataSync();
    expectSameBits(values, normalFloat32(key(8), 20, 1, 2));
  });

  it('randomNormal defaults to N(0, 0.05^2)', () => {
    const { mean, std } = moments(randomNormal().apply([200, 100], 'float32', key(11)).dataSync());
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(std / 0.05).toBeCloseTo(1, 1);
  });

  it('truncatedNormal is truncatedNormalFloat32: within 2 stddev, std about 0.88 stddev', () => {
    const values = truncatedNormal({ stddev: 0.1, seed: 3 }).apply([200, 100]).dataSync();
    expectSameBits(values, truncatedNormalFloat32(key(3), 20000, 0, 0.1));
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(Math.fround(0.2));
    expect(moments(values).std / (0.1 * 0.8796)).toBeCloseTo(1, 1);
  });

  it('rejects a negative stddev and a non-finite mean', () => {
    expect(() => randomNormal({ stddev: -1 })).toThrow(/RandomNormal: expected stddev >= 0, received stddev=-1/);
    expect(() => truncatedNormal({ mean: Infinity })).toThrow(/TruncatedNormal: expected mean to be a finite number/);
  });
});
