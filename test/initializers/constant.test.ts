import { describe, expect, it } from 'vitest';
import { key } from '../../src/random/index.js';
import { constant, ones, zeros } from '../../src/initializers/constant.js';
import { identity } from '../../src/initializers/identity.js';

describe('zeros, ones, constant', () => {
  it('zeros fills a weight of any shape and dtype with 0', () => {
    const t = zeros().apply([2, 3]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(Array.from(t.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
    expect(zeros().apply([2], 'int32').dataSync()).toBeInstanceOf(Int32Array);
  });

  it('ones fills with 1, also for a scalar and for bool', () => {
    expect(Array.from(ones().apply([]).dataSync())).toEqual([1]);
    expect(Array.from(ones().apply([2], 'bool').dataSync())).toEqual([1, 1]);
  });

  it('constant fills with its value rounded to float32', () => {
    const t = constant({ value: 0.1 }).apply([3]);
    expect(Array.from(t.dataSync())).toEqual([Math.fround(0.1), Math.fround(0.1), Math.fround(0.1)]);
  });

  it('constant defaults to 0, as Keras', () => {
    expect(Array.from(constant({}).apply([2]).dataSync())).toEqual([0, 0]);
  });

  it('constant ignores the key: the values do not depend on it', () => {
    expect(Array.from(constant({ value: 3 }).apply([2], 'float32', key(9)).dataSync())).toEqual([3, 3]);
  });

  it('constant rejects a value that is not a finite number, naming it', () => {
    expect(() => constant({ value: Number.NaN })).toThrow(/Constant: expected value to be a finite number, received value=NaN/);
    expect(() => constant({ value: '1' as unknown as number })).toThrow(/Constant: expected value/);
  });

  it('an empty shape gives an empty tensor', () => {
    expect(zeros().apply([0, 3]).size).toBe(0);
  });

  it('a malformed shape or dtype is refused with the initializer name', () => {
    expect(() => zeros().apply([2, -1])).toThrow(/Zeros: shape \[2,-1\] is invalid/);
    expect(() => ones().apply([1.5])).toThrow(/Ones: shape/);
    expect(() => zeros().apply(3 as unknown as number[])).toThrow(/Zeros: expected shape to be an array/);
    expect(() => zeros().apply([2], 'float64' as 'float32')).toThrow(/Zeros: expected dtype 'float32', 'int32' or 'bool', received dtype="float64"/);
  });
});

describe('identity', () => {
  it('puts gain on the diagonal of a square matrix', () => {
    const t = identity({ gain: 0.5 }).apply([3, 3]);
    expect(Array.from(t.dataSync())).toEqual([0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5]);
  });

  it('defaults to gain 1 and works for int32', () => {
    const t = identity().apply([2, 2], 'int32');
    expect(t.dtype).toBe('int32');
    expect(Array.from(t.dataSync())).toEqual([1, 0, 0, 1]);
  });

  it('rejects non-square and non-2-D shapes, quoting the shape', () => {
    expect(() => identity().apply([2, 3])).toThrow(/Identity: expected a square 2-D shape \[n, n\], received shape \[2,3\]/);
    expect(() => identity().apply([4])).toThrow(/received shape \[4\]/);
    expect(() => identity().apply([2, 2, 2])).toThrow(/received shape \[2,2,2\]/);
  });

  it('rejects a gain that is not a finite number', () => {
    expect(() => identity({ gain: Infinity })).toThrow(/Identity: expected gain to be a finite number, received gain=Infinity/);
  });
});
