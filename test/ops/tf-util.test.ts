import { describe, expect, it } from 'vitest';
import { setRandomSeed, util } from '../../src/index.js';

describe('util (TF.js tf.util)', () => {
  it('shuffle is a pure function of the global seed and the call index since setRandomSeed', () => {
    const run = (): number[][] => {
      setRandomSeed(7);
      const a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
      const b = a.slice();
      util.shuffle(a);
      util.shuffle(b);
      return [a, b];
    };
    const [first, second] = run();
    expect(run()).toEqual([first, second]);
    expect(first!.slice().sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(first).not.toEqual(second); // the second call draws a new permutation
  });

  it('shuffleCombo applies one permutation to both arrays', () => {
    setRandomSeed(3);
    const xs = [10, 11, 12, 13, 14, 15];
    const ys = ['a', 'b', 'c', 'd', 'e', 'f'];
    util.shuffleCombo(xs, ys);
    expect(xs.map((x) => ys[xs.indexOf(x)])).toEqual(xs.map((x) => 'abcdef'[x - 10]));
    expect(() => util.shuffleCombo([1], [1, 2])).toThrow(/Array sizes must match/);
  });

  it('createShuffledIndices returns a permutation of 0 … n − 1 as a Uint32Array', () => {
    setRandomSeed(1);
    const idx = util.createShuffledIndices(20);
    expect(idx).toBeInstanceOf(Uint32Array);
    expect(Array.from(idx).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('assert throws the lazily built message only when false', () => {
    expect(() => util.assert(true, () => { throw new Error('built'); })).not.toThrow();
    expect(() => util.assert(false, () => 'x must be 2')).toThrow('x must be 2');
    expect(() => util.assertShapesMatch([2, 3], [3, 2], 'add:')).toThrow('add: Shapes [2,3] and [3,2] must match');
  });

  it('shape and array helpers give TF.js results', () => {
    expect(util.sizeFromShape([2, 3, 4])).toBe(24);
    expect(util.sizeFromShape([])).toBe(1);
    expect(util.isScalarShape([])).toBe(true);
    expect(util.arraysEqual([1, 2], [1, 2])).toBe(true);
    expect(util.flatten([[1, 2], [3, [4]]])).toEqual([1, 2, 3, 4]); // depth first, as TF.js
    expect(util.computeStrides([2, 3, 4])).toEqual([12, 4]); // TF.js (ran): [12, 4]
    expect(util.inferDtype(new Uint8Array(2))).toBe('int32'); // TF.js (ran): int32
    expect(util.clamp(0, 5, 3)).toBe(3);
    expect(util.nearestLargerEven(3)).toBe(4);
    expect(util.rightPad('ab', 4)).toBe('ab  ');
    expect(util.toNestedArray([2, 2], [1, 2, 3, 4])).toEqual([[1, 2], [3, 4]]);
    expect(Array.from(util.makeOnesTypedArray(2, 'int32'))).toEqual([1, 1]);
  });
});
