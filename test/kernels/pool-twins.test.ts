import { describe, expect, it } from 'vitest';
import type { PoolGeometry } from '../../src/kernels/reference/pool.js';
import { referenceKernels } from '../../src/kernels/reference/index.js';
import { loadWasm } from '../../src/kernels/wasm/module.js';
import { wasmKernelSet } from '../../src/kernels/wasm/set.js';
import { ThreadPool } from '../../src/kernels/wasm/threads.js';
import { poolGeometry } from '../../src/ops/pool.js';
import type { PoolPadding } from '../../src/ops/pool.js';
import { expectSameBits } from '../helpers/bits.js';
import type { Rng } from '../helpers/rng.js';
import { xorshift } from '../helpers/rng.js';

/**
 * DESIGN.md law 2: the wasm pooling kernels (native/pool.c) give the reference loops' bits and
 * chosen positions exactly: odd sizes, strides, 'same' and 'valid', windows larger than the input,
 * channel counts that are and are not multiples of four, ties, NaN, ±Infinity, −0 and denormals.
 */
const mod = loadWasm();
if (!mod) throw new Error('the wasm kernel set must load in Node');
const wasm = wasmKernelSet(mod, new ThreadPool(mod), 0); // 0: the native code at every size
const ref = referenceKernels;

const SPECIALS = [0, -0, 1e-40, -1e-40, NaN, Infinity, -Infinity, 3.4e38, -3.4e38, 1, -1, 0.5];

/** Values from a few levels (so windows hold ties), a fraction `special` from SPECIALS. */
function values(rng: Rng, n: number, special: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.next() < special ? (SPECIALS[rng.int(SPECIALS.length)] as number) : (rng.int(7) - 3) * 0.375 + (rng.next() < 0.5 ? 0 : rng.uniform(-1, 1));
  return out;
}

interface Case { shape: [number, number, number, number]; filter: [number, number]; strides: [number, number]; pad: PoolPadding }

function cases(): Case[] {
  const rng = xorshift(4242);
  const out: Case[] = [
    { shape: [2, 26, 26, 8], filter: [2, 2], strides: [2, 2], pad: 'valid' }, // the CNN benchmark's layer
    { shape: [1, 3, 2, 5], filter: [4, 5], strides: [1, 1], pad: 'same' }, // window larger than the input
    { shape: [3, 5, 7, 1], filter: [3, 2], strides: [2, 3], pad: 'same' },
    { shape: [1, 7, 1, 3], filter: [7, 1], strides: [1, 1], pad: 'valid' }, // the 1-D layers' shape
    { shape: [2, 6, 6, 4], filter: [3, 3], strides: [1, 1], pad: 1 },
    { shape: [2, 5, 6, 13], filter: [2, 3], strides: [1, 2], pad: 'same' }, // channels 8 + 4 + 1: every SIMD path
  ];
  for (let c = 0; c < 24; c++) {
    const shape: [number, number, number, number] = [1 + rng.int(3), 1 + rng.int(9), 1 + rng.int(9), 1 + rng.int(10)];
    const filter: [number, number] = [1 + rng.int(4), 1 + rng.int(4)];
    const strides: [number, number] = [1 + rng.int(3), 1 + rng.int(3)];
    const pad: PoolPadding = rng.next() < 0.5 || shape[1] < filter[0] || shape[2] < filter[1] ? 'same' : 'valid';
    out.push({ shape, filter, strides, pad });
  }
  return out;
}

function geometryOf(c: Case): PoolGeometry {
  return poolGeometry(c.shape, c.filter, c.strides, c.pad, undefined, 'twin test');
}

describe('wasm pooling kernels give the reference bits', () => {
  const rng = xorshift(777);
  it.each(cases())('shape $shape, window $filter, strides $strides, pad $pad', (c) => {
    const g = geometryOf(c);
    const inSize = c.shape.reduce((p, d) => p * d, 1);
    const outSize = g.batch * g.outH * g.outW * g.channels;
    for (const special of [0, 0.3]) {
      const x = values(rng, inSize, special);
      const dy = values(rng, outSize, special / 3);
      const run = (k: typeof ref) => {
        const max = new Float32Array(outSize).fill(5);
        const positions = new Int32Array(outSize).fill(-7);
        const avg = new Float32Array(outSize).fill(5);
        const dMax = new Float32Array(inSize).fill(5);
        const dAvg = new Float32Array(inSize).fill(5);
        k.maxPool(x, g, max, positions);
        k.maxPoolBackward(dy, positions, dMax);
        k.avgPool(x, g, avg);
        k.avgPoolBackward(dy, g, dAvg);
        return { max, positions, avg, dMax, dAvg };
      };
      const a = run(wasm);
      const b = run(ref);
      expectSameBits(a.max, b.max, 'maxPool');
      expect(Array.from(a.positions)).toEqual(Array.from(b.positions));
      expectSameBits(a.avg, b.avg, 'avgPool');
      expectSameBits(a.dMax, b.dMax, 'maxPool gradient');
      expectSameBits(a.dAvg, b.dAvg, 'avgPool gradient');
    }
  });
});

describe('the reference pooling rules', () => {
  const g: PoolGeometry = { batch: 1, inH: 1, inW: 4, channels: 1, filterH: 1, filterW: 4, strideH: 1, strideW: 1, padTop: 0, padLeft: 0, outH: 1, outW: 1 };
  for (const k of [ref, wasm]) {
    const pick = (xs: number[]): [number, number] => {
      const out = new Float32Array(1);
      const pos = new Int32Array(1);
      k.maxPool(Float32Array.from(xs), g, out, pos);
      return [out[0] as number, pos[0] as number];
    };
    it(`${k.name}: the first maximum wins a tie, −0 and +0 included`, () => {
      expect(pick([1, 3, 3, 2])).toEqual([3, 1]);
      expect(Object.is(pick([-0, 0, -1, -2])[0], -0)).toBe(true);
      expect(Object.is(pick([0, -0, -1, -2])[0], 0)).toBe(true);
    });
    it(`${k.name}: NaN is skipped (TF.js cpu); a window of NaN and −∞ only gives −∞ and chooses no element`, () => {
      expect(pick([NaN, 1, NaN, -5])).toEqual([1, 1]);
      expect(pick([NaN, -Infinity, NaN, NaN])).toEqual([-Infinity, -1]);
      expect(pick([-1, Infinity, NaN, Infinity])).toEqual([Infinity, 1]);
      const dx = new Float32Array(4).fill(9);
      k.maxPoolBackward(Float32Array.of(2), Int32Array.of(-1), dx);
      expect(Array.from(dx)).toEqual([0, 0, 0, 0]);
    });
  }
});
