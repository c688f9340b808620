import { describe, expect, it } from 'vitest';
import { concat, gather, pad, scatterAdd, slice, tile, transpose } from '../../src/kernels/reference/layout.js';
import { expectSameBits } from '../helpers/bits.js';
import { concatRef, gatherRef, padRef, refOf, sliceRef, tileRef, transposeRef } from '../helpers/reference.js';
import { randomValues, xorshift } from '../helpers/rng.js';

const size = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);
const rng = xorshift(77);

describe('data-movement kernels agree with coordinate-wise references', () => {
  it('transpose, for every permutation of a rank-3 and some of a rank-4 tensor', () => {
    const shape = [2, 3, 4];
    const x = randomValues(rng, size(shape));
    const perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    for (const perm of perms) {
      const out = new Float32Array(x.length);
      transpose(x, shape, perm, out);
      expectSameBits(out, Float32Array.from(transposeRef(refOf(shape, x), perm).data), `perm ${perm.join(',')}`);
    }
    const shape4 = [2, 1, 3, 2];
    const x4 = randomValues(rng, size(shape4));
    for (const perm of [[3, 2, 1, 0], [1, 3, 0, 2]]) {
      const out = new Float32Array(x4.length);
      transpose(x4, shape4, perm, out);
      expectSameBits(out, Float32Array.from(transposeRef(refOf(shape4, x4), perm).data));
    }
  });

  it('slice of interior, edge and empty blocks', () => {
    const shape = [4, 5, 3];
    const x = randomValues(rng, size(shape));
    const blocks: [number[], number[]][] = [[[1, 2, 0], [2, 3, 3]], [[0, 0, 0], [4, 5, 3]], [[3, 4, 2], [1, 1, 1]], [[2, 0, 1], [0, 5, 2]]];
    for (const [begin, extent] of blocks) {
      const out = new Float32Array(size(extent));
      slice(x, shape, begin, extent, out);
      expectSameBits(out, Float32Array.from(sliceRef(refOf(shape, x), begin, extent).data));
    }
  });

  it('pad with a constant value on every side', () => {
    const shape = [2, 3];
    const x = randomValues(rng, 6);
    const paddings: [number, number][] = [[1, 2], [0, 3]];
    const outShape = [5, 6];
    const out = new Float32Array(30);
    pad(x, shape, [1, 0], outShape, -7, out);
    expectSameBits(out, Float32Array.from(padRef(refOf(shape, x), paddings, -7).data));
  });

  it('tile', () => {
    const shape = [2, 3];
    const x = randomValues(rng, 6);
    const out = new Float32Array(2 * 2 * 3 * 3);
    tile(x, shape, [4, 9], out);
    expectSameBits(out, Float32Array.from(tileRef(refOf(shape, x), [2, 3]).data));
  });

  it('concat along a middle axis', () => {
    const shapes = [[2, 1, 3], [2, 4, 3], [2, 2, 3]];
    const xs = shapes.map((s) => randomValues(rng, size(s)));
    const out = new Float32Array(2 * 7 * 3);
    concat(xs, [1, 4, 2], 2, 3, out);
    expectSameBits(out, Float32Array.from(concatRef(xs.map((x, i) => refOf(shapes[i] as number[], x)), 1).data));
  });

  it('gather along a middle axis with repeated indices', () => {
    const shape = [2, 4, 3];
    const x = randomValues(rng, size(shape));
    const indices = [3, 0, 3, 1, 3];
    const out = new Float32Array(2 * 5 * 3);
    gather(x, 2, 4, 3, indices, out);
    expectSameBits(out, Float32Array.from(gatherRef(refOf(shape, x), indices, [5], 1).data));
  });
});

describe('scatterAdd kernel', () => {
  it('accumulates repeated indices and leaves unreferenced rows at zero', () => {
    // x[outer=1, extent=4, inner=2]; indices pick rows 2, 0, 2.
    const dy = Float32Array.from([1, 2, 10, 20, 100, 200]);
    const out = new Float32Array(8).fill(NaN);
    scatterAdd(dy, 1, 4, 2, [2, 0, 2], out);
    expect(Array.from(out)).toEqual([10, 20, 0, 0, 101, 202, 0, 0]);
  });

  it('adds contributions in increasing position, each sum rounded to float32', () => {
    // 1 + 2^-24 rounds back to 1 in float32, so the order of the three additions shows.
    const tiny = 2 ** -24;
    const dy = Float32Array.from([1, tiny, tiny]);
    const out = new Float32Array(1);
    scatterAdd(dy, 1, 1, 1, [0, 0, 0], out);
    const expected = Math.fround(Math.fround(Math.fround(0 + 1) + tiny) + tiny);
    expectSameBits(out, [expected]);
    expect(expected).toBe(1);
    const reversed = new Float32Array(1);
    scatterAdd(Float32Array.from([tiny, tiny, 1]), 1, 1, 1, [0, 0, 0], reversed);
    expectSameBits(reversed, [Math.fround(1 + 2 * tiny)]);
  });
});
