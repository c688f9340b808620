import { describe, expect, it } from 'vitest';
import { input, layers } from '../../src/layers/index.js';
import { ones } from '../../src/ops/create.js';
import { runMergeLayerTest } from '../helpers/merge-harness.js';
import type { Ref } from '../helpers/reference.js';
import { at, build, concatRef, reshapeRef, zip } from '../helpers/reference.js';

/** Keras's alignment: a lower-rank input gets axes of 1 inserted after its batch axis. */
function lift(x: Ref, rank: number): Ref {
  return rank === x.shape.length ? x : reshapeRef(x, [x.shape[0] as number, ...new Array<number>(rank - x.shape.length).fill(1), ...x.shape.slice(1)]);
}

/** A left fold of `f` over the inputs, elementwise with broadcasting after Keras's alignment. */
function foldRef(f: (p: number, q: number) => number): (xs: readonly Ref[]) => Ref {
  return (xs) => {
    const rank = Math.max(...xs.map((x) => x.shape.length));
    const lifted = xs.map((x) => lift(x, rank));
    return lifted.slice(1).reduce((acc, x) => zip(acc, x, f), lifted[0] as Ref);
  };
}

/** Keras batch_dot of two inputs along (a1, a2), optionally L2-normalized first (TF.js: ε = 1e-7 on Σx²). */
function dotRef(a1: number, a2: number, normalize: boolean): (xs: readonly Ref[]) => Ref {
  return ([x0, y0]) => {
    const norm = (r: Ref, axis: number): Ref => {
      if (!normalize) return r;
      return build(r.shape, (c) => {
        let s = 0;
        for (let k = 0; k < (r.shape[axis] as number); k++) s += at(r, c.map((v, i) => (i === axis ? k : v))) ** 2;
        return at(r, c) / Math.sqrt(Math.max(s, 1e-7));
      });
    };
    const x = norm(x0 as Ref, a1);
    const y = norm(y0 as Ref, a2);
    const restX = x.shape.filter((_, i) => i !== 0 && i !== a1);
    const restY = y.shape.filter((_, i) => i !== 0 && i !== a2);
    const shape = [x.shape[0] as number, ...restX, ...restY];
    const out = build(shape, (c) => {
      const cx = c.slice(1, 1 + restX.length);
      const cy = c.slice(1 + restX.length);
      const ix = [c[0] as number, ...cx];
      const iy = [c[0] as number, ...cy];
      let s = 0;
      for (let k = 0; k < (x.shape[a1] as number); k++) {
        const px = ix.slice();
        px.splice(a1, 0, k);
        const py = iy.slice();
        py.splice(a2, 0, k);
        s += at(x, px) * at(y, py);
      }
      return s;
    });
    return shape.length === 1 ? reshapeRef(out, [shape[0] as number, 1]) : out;
  };
}

const BASE_KEYS = ['name', 'trainable'];

runMergeLayerTest('add of three inputs', { make: () => layers.add(), inputShapes: [[2, 3], [2, 3], [2, 3]], expectedOutputShape: [2, 3], configKeys: BASE_KEYS, reference: foldRef((p, q) => p + q) });
runMergeLayerTest('add broadcasting an extent of 1', { make: () => layers.add(), inputShapes: [[2, 3, 4], [2, 1, 4]], expectedOutputShape: [2, 3, 4], configKeys: BASE_KEYS, reference: foldRef((p, q) => p + q) });
runMergeLayerTest('add of a lower-rank input (axes inserted after the batch)', { make: () => layers.add(), inputShapes: [[2, 3, 4], [2, 4]], expectedOutputShape: [2, 3, 4], configKeys: BASE_KEYS, reference: foldRef((p, q) => p + q) });
runMergeLayerTest('subtract', { make: () => layers.subtract(), inputShapes: [[2, 3], [2, 3]], expectedOutputShape: [2, 3], configKeys: BASE_KEYS, reference: foldRef((p, q) => p - q) });
runMergeLayerTest('multiply broadcasting a column', { make: () => layers.multiply(), inputShapes: [[2, 3], [2, 1], [2, 3]], expectedOutputShape: [2, 3], configKeys: BASE_KEYS, reference: foldRef((p, q) => p * q) });
runMergeLayerTest('average of three', {
  make: () => layers.average(), inputShapes: [[2, 3], [2, 3], [2, 3]], expectedOutputShape: [2, 3], configKeys: BASE_KEYS,
  reference: (xs) => { const s = foldRef((p, q) => p + q)(xs); return { shape: s.shape, data: s.data.map((v) => v / 3) }; },
});
runMergeLayerTest('maximum', { make: () => layers.maximum(), inputShapes: [[2, 4], [2, 4], [2, 4]], expectedOutputShape: [2, 4], configKeys: BASE_KEYS, reference: foldRef(Math.max) });
runMergeLayerTest('minimum', { make: () => layers.minimum(), inputShapes: [[2, 4], [2, 4]], expectedOutputShape: [2, 4], configKeys: BASE_KEYS, reference: foldRef(Math.min) });
runMergeLayerTest('concatenate on the last axis', { make: () => layers.concatenate(), inputShapes: [[2, 3], [2, 2], [2, 1]], expectedOutputShape: [2, 6], configKeys: ['axis', ...BASE_KEYS], reference: (xs) => concatRef(xs, 1) });
runMergeLayerTest('concatenate on axis 1 of rank 3', { make: () => layers.concatenate({ axis: 1 }), inputShapes: [[2, 2, 3], [2, 1, 3]], expectedOutputShape: [2, 3, 3], configKeys: ['axis', ...BASE_KEYS], reference: (xs) => concatRef(xs, 1) });
runMergeLayerTest('dot of vectors', { make: () => layers.dot({ axes: 1 }), inputShapes: [[3, 4], [3, 4]], expectedOutputShape: [3, 1], configKeys: ['axes', 'normalize', ...BASE_KEYS], reference: dotRef(1, 1, false) });
runMergeLayerTest('dot normalized (cosine similarity)', { make: () => layers.dot({ axes: -1, normalize: true }), inputShapes: [[3, 4], [3, 4]], expectedOutputShape: [3, 1], configKeys: ['axes', 'normalize', ...BASE_KEYS], reference: dotRef(1, 1, true) });
runMergeLayerTest('dot of matrices, axes [2, 1]', { make: () => layers.dot({ axes: [2, 1] }), inputShapes: [[2, 2, 3], [2, 3, 4]], expectedOutputShape: [2, 2, 4], configKeys: ['axes', 'normalize', ...BASE_KEYS], reference: dotRef(2, 1, false) });

describe('merge layer errors name the layer and what was received', () => {
  it('incompatible shapes: both shapes', () => {
    expect(() => layers.add({ name: 'add_bad' }).apply([ones([2, 3]), ones([2, 4])])).toThrow('add_bad: inputs have incompatible shapes. Received shapes (2, 3) and (2, 4)');
    expect(() => layers.multiply({ name: 'mul_bad' }).apply([input({ shape: [3, 2] }), input({ shape: [4, 2] })])).toThrow('mul_bad: inputs have incompatible shapes. Received shapes (None, 3, 2) and (None, 4, 2)');
  });

  it('one tensor instead of a list', () => {
    expect(() => layers.add({ name: 'add_one' }).apply(ones([2, 3]))).toThrow('add_one: a Add layer should be called on a list of inputs, received one input of shape (2, 3)');
  });

  it('the wrong number of inputs', () => {
    expect(() => layers.subtract({ name: 'sub_three' }).apply([ones([1, 2]), ones([1, 2]), ones([1, 2])])).toThrow('sub_three: a Subtract layer should be called on exactly 2 inputs, received 3: (1, 2), (1, 2), (1, 2)');
    expect(() => layers.maximum({ name: 'max_one' }).apply([ones([1, 2])])).toThrow('max_one: a Maximum layer should be called on at least 2 inputs, received 1: (1, 2)');
  });

  it('different batch sizes', () => {
    expect(() => layers.add({ name: 'add_batch' }).apply([ones([2, 3]), ones([4, 3])])).toThrow('add_batch: cannot merge tensors with different batch sizes, received shapes (2, 3), (4, 3)');
  });

  it('concatenate: shapes that differ off the axis', () => {
    expect(() => layers.concatenate({ name: 'cat_bad' }).apply([input({ shape: [2, 3] }), input({ shape: [4, 3] })])).toThrow('cat_bad: a Concatenate layer requires inputs with matching shapes except for the concatenation axis (axis=-1). Received shapes (None, 2, 3), (None, 4, 3)');
  });

  it('dot: contracted extents that differ, and the batch axis', () => {
    expect(() => layers.dot({ axes: 1, name: 'dot_bad' }).apply([input({ shape: [3] }), input({ shape: [4] })])).toThrow('dot_bad: dimension incompatibility: 3 (axis 1 of (None, 3)) != 4 (axis 1 of (None, 4))');
    expect(() => layers.dot({ axes: 0, name: 'dot_batch' }).apply([input({ shape: [3] }), input({ shape: [3] })])).toThrow('dot_batch: axes 0 name axis 0 of input 0, of shape (None, 3); expected a non-batch axis in [1, 1]');
    expect(() => layers.dot({ axes: 1.5 as never, name: 'dot_axes' })).toThrow('dot_axes: axes must be an integer or a pair of integers. Received: axes=1.5');
  });
});
