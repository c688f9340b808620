import { describe, expect, it } from 'vitest';
import { broadcastShape, broadcastTo } from '../../src/ops/index.js';
import { tensor } from '../../src/ops/create.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { build, atBroadcast } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

describe('broadcastShape', () => {
  it('follows NumPy rules', () => {
    expect(broadcastShape([3, 1], [4], 'add')).toEqual([3, 4]);
    expect(broadcastShape([], [2, 3], 'add')).toEqual([2, 3]);
    expect(broadcastShape([4, 1, 3], [2, 1], 'add')).toEqual([4, 2, 3]);
    expect(broadcastShape([0], [1], 'add')).toEqual([0]);
  });

  it('names the op, both shapes and the clashing axis', () => {
    expect(() => broadcastShape([2, 3], [4], 'add')).toThrow(/add: .*\[2,3\].*\[4\].*do not broadcast \(axis -1: 3 vs 4\); expected equal extents or 1/);
  });
});

describe('broadcastTo', () => {
  it('repeats along new and unit axes', () => {
    expect(broadcastTo(tensor([1, 2]), [2, 2]).arraySync()).toEqual([[1, 2], [1, 2]]);
    expect(broadcastTo(tensor([[1], [2]]), [2, 3]).arraySync()).toEqual([[1, 1, 1], [2, 2, 2]]);
    expect(broadcastTo(tensor(5), [2]).arraySync()).toEqual([5, 5]);
  });

  it('returns the tensor itself when the shape already matches, and keeps int32', () => {
    const t = tensor([1, 2]);
    expect(broadcastTo(t, [2])).toBe(t);
    expect(broadcastTo(tensor([1], undefined, 'int32'), [3]).dtype).toBe('int32');
  });

  it.each([[[3], [2, 3]], [[2, 1], [2, 4]], [[], [2, 2]], [[1, 3, 1], [2, 3, 2]]])('gradient sums over the broadcast axes: %j to %j', (from, to) => {
    const x = randomTensor(xorshift(from.length + 1), from);
    checkGradients({ op: (t) => broadcastTo(t, to), reference: (t: Ref) => build(to, (c) => atBroadcast(t, c)), inputs: [x] });
  });

  it('rejects a target it cannot reach, naming both shapes', () => {
    expect(() => broadcastTo(tensor([1, 2, 3]), [2, 2])).toThrow(/broadcastTo: .*\[3\].*\[2,2\]/);
    expect(() => broadcastTo(tensor([[1, 2]]), [2])).toThrow(/broadcastTo: .*\[1,2\].*\[2\]/);
  });
});
