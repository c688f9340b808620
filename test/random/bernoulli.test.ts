import { describe, expect, it } from 'vitest';
import { bernoulliMask } from '../../src/random/bernoulli.js';
import { foldInPath, key } from '../../src/random/key.js';
import { uniformFloat32 } from '../../src/random/uniform.js';

describe('bernoulliMask', () => {
  // Golden values computed by this code and committed deliberately (they pin the construction).
  it('pins the first values for seed 2024 at p = 0.5', () => {
    expect(Array.from(bernoulliMask(key(2024), 16, 0.5))).toEqual([0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1]);
  });

  it('is 1 exactly where the uniform draw is below p', () => {
    const k = key(31);
    for (const p of [0.1, 0.5, 1 / 3, 0.999]) {
      const u = uniformFloat32(k, 5000, 7);
      const mask = bernoulliMask(k, 5000, p, 7);
      expect(mask).toEqual(Uint8Array.from(u, (x) => (x < p ? 1 : 0)));
    }
  });

  it('has frequency p within 4 standard errors', () => {
    const n = 100000;
    const p = 0.3;
    const mask = bernoulliMask(foldInPath(key(2), 'dropout_1/mask'), n, p);
    let ones = 0;
    for (const m of mask) ones += m;
    expect(Math.abs(ones / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it('gives all zeros at p = 0 and all ones at p = 1', () => {
    expect(bernoulliMask(key(0), 10000, 0).every((m) => m === 0)).toBe(true);
    expect(bernoulliMask(key(0), 10000, 1).every((m) => m === 1)).toBe(true);
  });

  it('gives the bits of a whole draw when drawn in two halves with offsets', () => {
    const k = key(17);
    const whole = bernoulliMask(k, 9001, 0.5);
    const parts = new Uint8Array(9001);
    parts.set(bernoulliMask(k, 4501, 0.5, 0), 0);
    parts.set(bernoulliMask(k, 4500, 0.5, 4501), 4501);
    expect(parts).toEqual(whole);
  });

  it('rejects p outside [0, 1] and NaN', () => {
    expect(() => bernoulliMask(key(0), 1, 1.5)).toThrow(/bernoulliMask: expected p to be a probability in \[0, 1\], received p=1.5/);
    expect(() => bernoulliMask(key(0), 1, Number.NaN)).toThrow(/received p=NaN/);
  });
});
