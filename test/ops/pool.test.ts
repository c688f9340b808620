import { describe, expect, it } from 'vitest';
import { avgPool, maxPool, poolGeometry } from '../../src/ops/pool.js';
import type { DimRoundingMode, PoolPadding } from '../../src/ops/pool.js';
import { tensor } from '../../src/ops/create.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { at, build } from '../helpers/reference.js';
import { distinctTensor, xorshift } from '../helpers/rng.js';

/**
 * Pooling with explicit geometry in float64: out (i, j) covers input rows i·sh − top … + fh − 1
 * and columns j·sw − left … + fw − 1, valid ones only.
 */
function poolRef(x: Ref, f: [number, number], s: [number, number], top: number, left: number, outH: number, outW: number, mode: 'max' | 'avg'): Ref {
  const [b, h, w, c] = x.shape as [number, number, number, number];
  return build([b, outH, outW, c], ([n, i, j, ch]) => {
    const vs: number[] = [];
    for (let di = 0; di < f[0]; di++) {
      for (let dj = 0; dj < f[1]; dj++) {
        const r = (i as number) * s[0] - top + di;
        const q = (j as number) * s[1] - left + dj;
        if (r >= 0 && r < h && q >= 0 && q < w) vs.push(at(x, [n as number, r, q, ch as number]));
      }
    }
    return mode === 'max' ? Math.max(...vs) : vs.reduce((p, v) => p + v, 0) / vs.length;
  });
}

describe('poolGeometry: TF.js output extents and padding', () => {
  it("'same' gives ceil(in / stride) and pads the smaller half first", () => {
    expect(poolGeometry([1, 5, 4, 1], [3, 2], [2, 1], 'same', undefined, 't')).toMatchObject({ outH: 3, outW: 4, padTop: 1, padLeft: 0 });
    expect(poolGeometry([1, 2, 3, 1], [4, 5], 1, 'same', undefined, 't')).toMatchObject({ outH: 2, outW: 3, padTop: 1, padLeft: 2 });
  });

  it("'valid' gives ceil((in − window + 1) / stride)", () => {
    expect(poolGeometry([1, 26, 26, 8], 2, 2, 'valid', undefined, 't')).toMatchObject({ outH: 13, outW: 13, padTop: 0, padLeft: 0 });
    expect(poolGeometry([1, 7, 5, 1], [3, 2], [2, 3], 'valid', undefined, 't')).toMatchObject({ outH: 3, outW: 2 });
  });

  it('a numeric pad rounds (in − window + 2·pad) / stride + 1 by dimRoundingMode (default: truncate)', () => {
    const extents = (mode: DimRoundingMode | undefined) => poolGeometry([1, 6, 6, 1], 3, 2, 1, mode, 't').outH;
    expect([extents(undefined), extents('floor'), extents('round'), extents('ceil')]).toEqual([3, 3, 4, 4]);
  });
});

describe('maxPool and avgPool gradients against float64 central differences', () => {
  const cases: { f: [number, number]; s: [number, number]; pad: PoolPadding; mode?: DimRoundingMode }[] = [
    { f: [2, 2], s: [2, 2], pad: 'valid' },
    { f: [3, 2], s: [1, 2], pad: 'same' },
    { f: [3, 3], s: [2, 2], pad: 1, mode: 'ceil' },
    { f: [3, 3], s: [1, 1], pad: 2 },
  ];
  for (const c of cases) {
    for (const op of [maxPool, avgPool]) {
      const mode = op === maxPool ? 'max' : 'avg';
      it(`${mode} ${JSON.stringify(c)}`, () => {
        const x = distinctTensor(xorshift(3), [2, 6, 5, 2], 0.05);
        const g = poolGeometry(x.shape, c.f, c.s, c.pad, c.mode, 'test');
        checkGradients({
          op: (t) => op(t, c.f, c.s, c.pad, c.mode),
          reference: (r) => poolRef(r, c.f, c.s, g.padTop, g.padLeft, g.outH, g.outW, mode),
          inputs: [x],
        });
      });
    }
  }

  it('a rank-3 input is one image: the same values as a batch of one, without the batch axis', () => {
    const x = distinctTensor(xorshift(4), [5, 4, 3], 0.1);
    const y = maxPool(x, 2, 1, 'same');
    expect(y.shape).toEqual([5, 4, 3]);
    expect(Array.from(y.values)).toEqual(Array.from(maxPool(x.reshape([1, 5, 4, 3]), 2, 1, 'same').values));
    checkGradients({ op: (t) => avgPool(t, [2, 3], [2, 1], 'valid'), reference: (r) => {
      const y4 = poolRef({ shape: [1, ...r.shape], data: r.data }, [2, 3], [2, 1], 0, 0, 2, 2, 'avg');
      return { shape: y4.shape.slice(1), data: y4.data };
    }, inputs: [x] });
  });
});

describe('Tensor methods', () => {
  it('x.maxPool and x.avgPool give the bits of the ops (TF.js chained ops)', () => {
    const x = distinctTensor(xorshift(6), [2, 5, 4, 3], 0.1);
    expect(Array.from(x.maxPool(2, 1, 'same').values)).toEqual(Array.from(maxPool(x, 2, 1, 'same').values));
    expect(Array.from(x.avgPool([2, 3], [1, 2], 'valid').values)).toEqual(Array.from(avgPool(x, [2, 3], [1, 2], 'valid').values));
  });
});

describe('maxPool and avgPool bad input', () => {
  it('refuses an input that is not rank 3 or 4, naming the op', () => {
    expect(() => maxPool(tensor([1, 2, 3, 4], [2, 2]), 1, 1, 'valid')).toThrow('maxPool: x must have rank 4 [batch, height, width, channels] or rank 3 [height, width, channels], received shape [2,2]');
  });

  it('refuses int32 inputs (pooling differentiates)', () => {
    expect(() => avgPool(tensor([1, 2, 3, 4], [1, 2, 2, 1], 'int32'), 1, 1, 'valid')).toThrow(/avgPool: argument 'x' has dtype int32; expected float32/);
  });

  it('refuses bad window, strides, pad and dimRoundingMode, quoting the value', () => {
    const x = tensor(new Float32Array(16), [1, 4, 4, 1]);
    expect(() => maxPool(x, 0, 1, 'valid')).toThrow(/maxPool: filterSize must be a positive integer or a pair \[height, width\] of them\. Received: filterSize=0/);
    expect(() => maxPool(x, 2, [1, 2, 3] as never, 'valid')).toThrow(/Received: strides=\[1,2,3\]/);
    expect(() => avgPool(x, 2, 1, 'full' as never)).toThrow(/avgPool: pad must be 'valid', 'same' or a non-negative integer\. Received: pad="full"/);
    expect(() => avgPool(x, 2, 1, 1, 'up' as never)).toThrow(/dimRoundingMode must be 'floor', 'round' or 'ceil'/);
  });

  it('refuses a numeric pad that puts a whole window outside the input', () => {
    expect(() => avgPool(tensor(new Float32Array(16), [1, 4, 4, 1]), [2, 3], 1, 2)).toThrow('avgPool: pad 2 puts a whole 2×3 window outside input [1,4,4,1]; expected a pad smaller than the window');
    expect(() => maxPool(tensor(new Float32Array(16), [1, 4, 4, 1]), 2, 3, 1, 'ceil')).toThrow(/maxPool: pad 1 puts a whole 2×2 window outside input/);
  });

  it("refuses a 'valid' window larger than the input: no output", () => {
    expect(() => maxPool(tensor(new Float32Array(6), [1, 2, 3, 1]), 3, 1, 'valid')).toThrow(/maxPool: a 3×3 window with strides \[1, 1\] and pad "valid" leaves no output for input \[1,2,3,1\]/);
  });
});
