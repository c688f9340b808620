import { describe, expect, it } from 'vitest';
import type { ConvGeometry } from '../../src/kernels/reference/conv.js';
import { referenceKernels as ref } from '../../src/kernels/reference/index.js';
import { loadWasm } from '../../src/kernels/wasm/module.js';
import { wasmKernelSet } from '../../src/kernels/wasm/set.js';
import { ThreadPool, workerFactory } from '../../src/kernels/wasm/threads.js';
import type { ConvPadding } from '../../src/ops/conv-geometry.js';
import { convGeometry } from '../../src/ops/conv-geometry.js';
import { expectSameBits } from '../helpers/bits.js';
import type { Rng } from '../helpers/rng.js';
import { xorshift } from '../helpers/rng.js';

/**
 * DESIGN.md law 2 for the convolution kernels: the wasm im2col / col2im give the reference bits
 * exactly (col2im's sums in increasing tap order) on odd sizes, strides 1 to 3, dilations, both
 * paddings, 1×1 windows, windows larger than the input, and special values.
 */
const mod = loadWasm();
if (!mod) throw new Error('the wasm kernel set must load in Node');
const wasm = wasmKernelSet(mod, new ThreadPool(mod), 0); // 0: the native code at every size
// Two threads: the convolution jobs split their outputs between the caller and a worker.
const pool2 = new ThreadPool(mod);
pool2.attach(await workerFactory());
pool2.resize(2);
await pool2.whenReady();
const wasm2 = wasmKernelSet(mod, pool2, 0);

const SPECIALS = [0, -0, 1e-40, -1e-40, NaN, Infinity, -Infinity, 3.4e38, -3.4e38, 1, -1];

function values(rng: Rng, n: number, special = 0.05): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.next() < special ? (SPECIALS[rng.int(SPECIALS.length)] as number) : rng.uniform(-2, 2) * 2 ** (rng.int(9) - 4);
  return out;
}

interface Case { x: [number, number, number, number]; k: [number, number]; strides: [number, number]; dilations: [number, number]; pad: ConvPadding }

const cases: Case[] = [];
for (const c of [1, 3, 4, 5, 8, 9, 12]) {
  for (const [strides, dilations] of [[[1, 1], [1, 1]], [[2, 2], [1, 1]], [[3, 2], [1, 1]], [[1, 1], [2, 3]]] as const) {
    for (const pad of ['same', 'valid'] as const) cases.push({ x: [2, 7, 6, c], k: [3, 2], strides: [...strides], dilations: [...dilations], pad });
  }
}
cases.push({ x: [3, 5, 5, 7], k: [1, 1], strides: [1, 1], dilations: [1, 1], pad: 'valid' });
cases.push({ x: [1, 2, 3, 3], k: [5, 5], strides: [1, 1], dilations: [1, 1], pad: 'same' });
cases.push({ x: [2, 9, 4, 2], k: [4, 4], strides: [3, 3], dilations: [1, 1], pad: 'same' });
cases.push({ x: [1, 6, 7, 2], k: [3, 3], strides: [1, 1], dilations: [1, 1], pad: [[0, 0], [2, 0], [1, 3], [0, 0]] });

function geometryOf(c: Case): ConvGeometry {
  return convGeometry('test', c.x, c.k[0], c.k[1], c.strides, c.dilations, c.pad);
}

describe('wasm im2col and col2im give the reference bits', () => {
  const rng = xorshift(2024);
  it.each(cases)('x $x, window $k, strides $strides, dilations $dilations, pad $pad', (c) => {
    const g = geometryOf(c);
    const inSize = g.batch * g.inH * g.inW * g.inC;
    const colSize = g.batch * g.outH * g.outW * g.kH * g.kW * g.inC;
    const x = values(rng, inSize);
    const [colsRef, colsWasm] = [new Float32Array(colSize).fill(7), new Float32Array(colSize).fill(-7)];
    ref.im2col(x, g, colsRef);
    wasm.im2col(x, g, colsWasm);
    expectSameBits(colsWasm, colsRef, 'im2col');
    const cols = values(rng, colSize);
    const [imRef, imWasm] = [new Float32Array(inSize).fill(7), new Float32Array(inSize).fill(-7)];
    ref.col2im(cols, g, imRef);
    wasm.col2im(cols, g, imWasm);
    expectSameBits(imWasm, imRef, 'col2im');
  });

  it.each(cases)('conv2d and its two gradients: x $x, window $k, strides $strides, dilations $dilations, pad $pad', (c) => {
    const g = geometryOf(c);
    const outC = 1 + rng.int(11);
    const rows = g.batch * g.outH * g.outW;
    const k = g.kH * g.kW * g.inC;
    const inSize = g.batch * g.inH * g.inW * g.inC;
    const [x, w, dy] = [values(rng, inSize), values(rng, k * outC), values(rng, rows * outC)];
    const run = (name: 'conv2dBackpropInput' | 'conv2dBackpropFilter', a: Float32Array, b: Float32Array, n: number): void => {
      const [r, v] = [new Float32Array(n).fill(7), new Float32Array(n).fill(-7)];
      ref[name](a, b, g, outC, r);
      for (const [set, threads] of [[wasm, 1], [wasm2, 2]] as const) {
        v.fill(-7);
        set[name](a, b, g, outC, v);
        expectSameBits(v, r, `${name} (outC ${outC}, ${threads} thread(s))`);
      }
    };
    for (const bias of [null, values(rng, outC)]) {
      for (const activation of ['linear', 'relu'] as const) {
        const [r, v] = [new Float32Array(rows * outC).fill(7), new Float32Array(rows * outC).fill(-7)];
        ref.conv2d(x, w, bias, activation, g, outC, r);
        for (const [set, threads] of [[wasm, 1], [wasm2, 2]] as const) {
          v.fill(-7);
          set.conv2d(x, w, bias, activation, g, outC, v);
          expectSameBits(v, r, `conv2d (outC ${outC}, bias ${bias !== null}, ${activation}, ${threads} thread(s))`);
        }
      }
    }
    run('conv2dBackpropInput', dy, w, inSize);
    run('conv2dBackpropFilter', x, dy, k * outC);
  });

  it.each(cases)('conv2dBackward (relu mask, bias, filter and input gradients in one call): x $x, window $k, strides $strides, pad $pad', (c) => {
    const g = geometryOf(c);
    const outC = 1 + rng.int(11);
    const rows = g.batch * g.outH * g.outW;
    const k = g.kH * g.kW * g.inC;
    const inSize = g.batch * g.inH * g.inW * g.inC;
    const [x, w, dy, y] = [values(rng, inSize), values(rng, k * outC), values(rng, rows * outC), values(rng, rows * outC, 0.2)];
    for (const relu of [null, y]) {
      for (const wanted of [[true, true, true], [false, true, true], [true, false, false]]) {
        const make = (n: number, on: boolean | undefined, fill: number): Float32Array | null => (on ? new Float32Array(n).fill(fill) : null);
        const r = { input: make(inSize, wanted[0], 7), filter: make(k * outC, wanted[1], 7), bias: make(outC, wanted[2], 7) };
        const v = { input: make(inSize, wanted[0], -7), filter: make(k * outC, wanted[1], -7), bias: make(outC, wanted[2], -7) };
        ref.conv2dBackward(x, w, dy, relu, g, outC, r);
        for (const [set, threads] of [[wasm, 1], [wasm2, 2]] as const) {
          for (const key of ['input', 'filter', 'bias'] as const) v[key]?.fill(-7);
          set.conv2dBackward(x, w, dy, relu, g, outC, v);
          for (const key of ['input', 'filter', 'bias'] as const) {
            if (r[key]) expectSameBits(v[key] as Float32Array, r[key], `conv2dBackward ${key} (relu ${relu !== null}, ${threads} thread(s))`);
          }
        }
      }
    }
  });

  // The CNN bench's shapes (threaded jobs with full 8-wide panels and the interior fast paths),
  // and a 9×9 window: more than 64 taps cover each inner pixel (the input gradient's fallback).
  it.each([
    { c: { x: [4, 28, 28, 1], k: [3, 3], strides: [1, 1], dilations: [1, 1], pad: 'valid' } as Case, outC: 8 },
    { c: { x: [4, 13, 13, 8], k: [3, 3], strides: [1, 1], dilations: [1, 1], pad: 'valid' } as Case, outC: 16 },
    { c: { x: [2, 14, 13, 8], k: [3, 3], strides: [2, 1], dilations: [1, 1], pad: 'same' } as Case, outC: 24 },
    { c: { x: [1, 12, 12, 8], k: [9, 9], strides: [1, 1], dilations: [1, 1], pad: 'same' } as Case, outC: 5 },
  ])('conv2dBackward and conv2d on larger shapes: x $c.x, window $c.k, outC $outC', ({ c, outC }) => {
    const g = geometryOf(c);
    const rows = g.batch * g.outH * g.outW;
    const k = g.kH * g.kW * g.inC;
    const inSize = g.batch * g.inH * g.inW * g.inC;
    const [x, w, dy, y, bias] = [values(rng, inSize, 0.01), values(rng, k * outC, 0.01), values(rng, rows * outC, 0.01), values(rng, rows * outC, 0.2), values(rng, outC)];
    const yRef = new Float32Array(rows * outC);
    ref.conv2d(x, w, bias, 'relu', g, outC, yRef);
    const r = { input: new Float32Array(inSize), filter: new Float32Array(k * outC), bias: new Float32Array(outC) };
    ref.conv2dBackward(x, w, dy, y, g, outC, r);
    for (const [set, threads] of [[wasm, 1], [wasm2, 2]] as const) {
      const yWasm = new Float32Array(rows * outC).fill(-7);
      set.conv2d(x, w, bias, 'relu', g, outC, yWasm);
      expectSameBits(yWasm, yRef, `conv2d (${threads} thread(s))`);
      const v = { input: new Float32Array(inSize).fill(-7), filter: new Float32Array(k * outC).fill(-7), bias: new Float32Array(outC).fill(-7) };
      set.conv2dBackward(x, w, dy, y, g, outC, v);
      for (const key of ['input', 'filter', 'bias'] as const) expectSameBits(v[key], r[key], `conv2dBackward ${key} (${threads} thread(s))`);
    }
  });

  it.each(cases)('depthwise convolution and its two gradients: x $x, window $k, strides $strides, dilations $dilations, pad $pad', (c) => {
    const g = geometryOf(c);
    for (const m of [1, 3]) {
      const rows = g.batch * g.outH * g.outW;
      const inSize = g.batch * g.inH * g.inW * g.inC;
      const fSize = g.kH * g.kW * g.inC * m;
      const [x, f, dy] = [values(rng, inSize), values(rng, fSize), values(rng, rows * g.inC * m)];
      const run = (name: 'depthwiseConv2d' | 'depthwiseBackpropInput' | 'depthwiseBackpropFilter', a: Float32Array, b: Float32Array, n: number): void => {
        const [r, v] = [new Float32Array(n).fill(7), new Float32Array(n).fill(-7)];
        ref[name](a, b, g, m, r);
        wasm[name](a, b, g, m, v);
        expectSameBits(v, r, `${name} (multiplier ${m})`);
      };
      run('depthwiseConv2d', x, f, rows * g.inC * m);
      run('depthwiseBackpropInput', dy, f, inSize);
      run('depthwiseBackpropFilter', x, dy, fSize);
    }
  });

  it.each([[1, 1], [7, 3], [100, 8], [513, 9], [64, 1]])('biasAdd (with and without relu), reluBackward and biasGradient, %i rows × %i columns', (rows, cols) => {
    const [y, bias] = [values(rng, rows * cols, 0.2), values(rng, cols, 0.2)];
    for (const b of [bias, null]) {
      for (const activation of ['linear', 'relu'] as const) {
        const [r, v] = [new Float32Array(rows * cols), new Float32Array(rows * cols)];
        ref.biasAdd(y, b, activation, rows, cols, r);
        wasm.biasAdd(y, b, activation, rows, cols, v);
        expectSameBits(v, r, `biasAdd (${activation}, bias ${b !== null})`);
      }
    }
    const dy = values(rng, rows * cols, 0.2);
    const [br, bv] = [new Float32Array(rows * cols), new Float32Array(rows * cols)];
    ref.reluBackward(dy, y, br);
    wasm.reluBackward(dy, y, bv);
    expectSameBits(bv, br, 'reluBackward');
    const [gr, gv] = [new Float32Array(cols), new Float32Array(cols)];
    ref.biasGradient(y, rows, cols, gr);
    wasm.biasGradient(y, rows, cols, gv);
    expectSameBits(gv, gr, 'biasGradient');
  });

  it('col2im sums in increasing tap order (the test can tell orders apart)', () => {
    // One pixel reached by the taps (0,0), (0,1), (1,0), (1,1) of a 2×2 window, stride 1: with
    // contributions 1, 2^-24, 2^-24, −1 in that order the float32 sum is 0; other orders differ.
    const g = convGeometry('test', [1, 3, 3, 1], 2, 2, 1, 1, 'valid');
    const cols = new Float32Array(4 * 4);
    const tapOf = [[3, 0], [2, 1], [1, 2], [0, 3]] as const; // [patch row, tap] reaching pixel (1, 1)
    const parts = [1, 2 ** -24, 2 ** -24, -1];
    tapOf.forEach(([row, tap], i) => { cols[row * 4 + tap] = parts[i] as number; });
    const out = new Float32Array(9);
    ref.col2im(cols, g, out);
    let expected = 0;
    for (const p of parts) expected = Math.fround(expected + p);
    expect(out[4]).toBe(expected);
    expect(expected).toBe(0);
    expect(Math.fround(Math.fround(Math.fround(-1 + 2 ** -24) + 2 ** -24) + 1)).not.toBe(0); // the reverse order differs
    const wasmOut = new Float32Array(9);
    wasm.col2im(cols, g, wasmOut);
    expect(wasmOut[4]).toBe(expected);
  });

  it('im2col writes +0 for padding and copies −0, NaN and infinities unchanged', () => {
    const g = convGeometry('test', [1, 2, 2, 1], 3, 3, 1, 1, 'same');
    const x = Float32Array.from([-0, NaN, Infinity, -Infinity]);
    const cols = new Float32Array(4 * 9).fill(5);
    wasm.im2col(x, g, cols);
    const first = Array.from(cols.slice(0, 9));
    expect(first.map((v) => Object.is(v, -0) ? '-0' : String(v))).toEqual(['0', '0', '0', '0', '-0', 'NaN', '0', 'Infinity', '-Infinity']);
  });
});
