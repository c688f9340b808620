import { describe, expect, it } from 'vitest';
import { expectSameBits } from '../helpers/bits.js';
import { moments } from '../helpers/moments.js';
import { key, normalFloat32, truncatedNormalFloat32, uniformRange } from '../../src/random/index.js';
import { glorotNormal, glorotUniform, heNormal, heUniform, lecunNormal, lecunUniform } from '../../src/initializers/presets.js';
import { varianceScaling } from '../../src/initializers/variance-scaling.js';

function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
}

/** Relative error |actual / expected - 1|. */
function relative(actual: number, expected: number): number {
  return Math.abs(actual / expected - 1);
}

// 0.8796256610342398 = std of N(0, 1) truncated to [-2, 2] (mpmath: sqrt(1 - 4·φ(2)/(Φ(2) - Φ(-2)))).
const TRUNCATED_STD = 0.8796256610342398;

describe('glorot, he and lecun (Keras numerics)', () => {
  const k = key(2024);

  it('glorotUniform stays within ±sqrt(6 / (fanIn + fanOut)) and fills that range', () => {
    const limit = Math.sqrt(6 / 500);
    const values = glorotUniform().apply([200, 300], 'float32', k).dataSync();
    expect(maxAbs(values)).toBeLessThanOrEqual(Math.fround(limit));
    expect(maxAbs(values)).toBeGreaterThan(0.999 * limit);
    expect(relative(moments(values).std, limit / Math.sqrt(3))).toBeLessThan(0.02);
  });

  it('glorotUniform draws uniformRange(key, n, -limit, limit)', () => {
    const limit = Math.sqrt(3 * (1 / ((20 + 30) / 2)));
    expectSameBits(glorotUniform().apply([20, 30], 'float32', k).dataSync(), uniformRange(k, 600, -limit, limit));
  });

  it('glorotNormal has std sqrt(2 / (fanIn + fanOut)): the corrected truncated normal', () => {
    const values = glorotNormal().apply([200, 300], 'float32', k).dataSync();
    const target = Math.sqrt(2 / 500);
    expect(relative(moments(values).std, target)).toBeLessThan(0.03);
    expect(Math.abs(moments(values).mean)).toBeLessThan(0.01 * target);
    // Truncated at 2σ of the corrected σ, so the tails are cut at 2·target/0.8796.
    expect(maxAbs(values)).toBeLessThanOrEqual(Math.fround((2 * target) / TRUNCATED_STD) * (1 + 1e-6));
  });

  it('glorotNormal draws truncatedNormalFloat32 with sigma = sqrt(s) / 0.8796...', () => {
    const sigma = Math.sqrt(1 / 25) / TRUNCATED_STD;
    expectSameBits(glorotNormal().apply([20, 30], 'float32', k).dataSync(), truncatedNormalFloat32(k, 600, 0, sigma));
  });

  it('heNormal has std sqrt(2 / fanIn) and heUniform bound sqrt(6 / fanIn)', () => {
    expect(relative(moments(heNormal().apply([400, 150], 'float32', k).dataSync()).std, Math.sqrt(2 / 400))).toBeLessThan(0.03);
    const values = heUniform().apply([400, 150], 'float32', k).dataSync();
    expect(maxAbs(values)).toBeLessThanOrEqual(Math.fround(Math.sqrt(6 / 400)));
    expect(maxAbs(values)).toBeGreaterThan(0.999 * Math.sqrt(6 / 400));
  });

  it('lecunNormal has std sqrt(1 / fanIn) and lecunUniform bound sqrt(3 / fanIn)', () => {
    expect(relative(moments(lecunNormal().apply([100, 600], 'float32', k).dataSync()).std, Math.sqrt(1 / 100))).toBeLessThan(0.03);
    const values = lecunUniform().apply([100, 600], 'float32', k).dataSync();
    expect(maxAbs(values)).toBeLessThanOrEqual(Math.fround(Math.sqrt(3 / 100)));
    expect(maxAbs(values)).toBeGreaterThan(0.999 * Math.sqrt(3 / 100));
  });

  it('uses the receptive field of a convolution kernel for the fans', () => {
    const limit = Math.sqrt(3 * (1 / ((144 + 288) / 2))); // [3, 3, 16, 32]: fanIn 144, fanOut 288
    const values = glorotUniform().apply([3, 3, 16, 32], 'float32', k).dataSync();
    expectSameBits(values, uniformRange(k, 4608, -limit, limit));
  });

  it('a seeded preset repeats its values at every call, whatever the key', () => {
    const init = heNormal({ seed: 0 });
    expectSameBits(init.apply([8, 8], 'float32', key(1)).dataSync(), init.apply([8, 8], 'float32', key(2)).dataSync());
  });

  it('different keys give different values', () => {
    expect(glorotUniform().apply([16], 'float32', key(1)).dataSync()).not.toEqual(glorotUniform().apply([16], 'float32', key(2)).dataSync());
  });
});

describe('varianceScaling', () => {
  const k = key(77);
  const shape = [100, 400]; // fanIn 100, fanOut 400, fanAvg 250

  it('divides the scale by fanIn, fanOut or their mean', () => {
    for (const [mode, n] of [['fanIn', 100], ['fanOut', 400], ['fanAvg', 250]] as const) {
      const limit = Math.sqrt(3 * (2 / n)); // the documented order: s = scale / n, then sqrt(3 * s)
      const values = varianceScaling({ scale: 2, mode, distribution: 'uniform' }).apply(shape, 'float32', k).dataSync();
      expectSameBits(values, uniformRange(k, 40000, -limit, limit), mode);
    }
  });

  it('accepts the Keras spellings of mode and distribution with the same meaning', () => {
    const tfjs = varianceScaling({ mode: 'fanAvg', distribution: 'truncatedNormal' }).apply([10, 20], 'float32', k).dataSync();
    const keras = varianceScaling({ mode: 'fan_avg', distribution: 'truncated_normal' }).apply([10, 20], 'float32', k).dataSync();
    const normal = varianceScaling({ mode: 'fan_avg', distribution: 'normal' }).apply([10, 20], 'float32', k).dataSync();
    expectSameBits(keras, tfjs);
    expectSameBits(normal, tfjs);
  });

  it("'truncatedNormal' is a truncated normal, not uniform as in TF.js", () => {
    const values = varianceScaling({ distribution: 'truncatedNormal' }).apply(shape, 'float32', k).dataSync();
    expect(relative(moments(values).std, Math.sqrt(1 / 100))).toBeLessThan(0.03);
  });

  it("'untruncatedNormal' is N(0, s) without truncation", () => {
    const values = varianceScaling({ scale: 3, mode: 'fan_out', distribution: 'untruncated_normal' }).apply(shape, 'float32', k).dataSync();
    expectSameBits(values, normalFloat32(k, 40000, 0, Math.sqrt(3 / 400)));
    expect(relative(moments(values).std, Math.sqrt(3 / 400))).toBeLessThan(0.03);
    expect(maxAbs(values)).toBeGreaterThan(2.5 * Math.sqrt(3 / 400));
  });

  it('defaults to scale 1, fanIn and the truncated normal (Keras)', () => {
    const init = varianceScaling();
    expect([init.scale, init.mode, init.distribution]).toEqual([1, 'fanIn', 'truncatedNormal']);
  });

  it('uses n = max(1, n): fans below 1 do not enlarge the scale', () => {
    const limit = Math.sqrt(3);
    expectSameBits(varianceScaling({ distribution: 'uniform' }).apply([], 'float32', k).dataSync(), uniformRange(k, 1, -limit, limit));
    expectSameBits(varianceScaling({ distribution: 'uniform' }).apply([0, 5], 'float32', k).dataSync(), []);
  });

  it('rejects a scale that is not positive, an unknown mode or distribution, naming what it got', () => {
    expect(() => varianceScaling({ scale: -1 })).toThrow(/VarianceScaling: expected scale > 0, received scale=-1/);
    expect(() => varianceScaling({ scale: 0 })).toThrow(/expected scale > 0, received scale=0/);
    expect(() => varianceScaling({ mode: 'fan_mid' as 'fanIn' })).toThrow(
      /VarianceScaling: expected mode to be one of 'fanIn', 'fanOut', 'fanAvg', 'fan_in', 'fan_out', 'fan_avg', received mode="fan_mid"/,
    );
    expect(() => varianceScaling({ distribution: 'gaussian' as 'normal' })).toThrow(/expected distribution to be one of .*'untruncated_normal'.*, received distribution="gaussian"/);
    expect(() => glorotUniform({ seed: 2.5 })).toThrow(/GlorotUniform: expected seed to be an integer or null, received seed=2.5/);
  });
});
