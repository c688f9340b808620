import { afterAll, describe, it } from 'vitest';
import { setBackend } from '../../src/kernels/index.js';
import type { BackendName } from '../../src/kernels/index.js';
import { biasAdd, biasGradient } from '../../src/ops/bias-add.js';
import { conv2dWithBias } from '../../src/ops/conv2d.js';
import { add, conv2d, conv2dTranspose, depthwiseConv2d, grads, mul, relu, sum } from '../../src/ops/index.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { expectSameBits } from '../helpers/bits.js';
import { axisRef } from '../helpers/conv-reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

/**
 * The documented orders of arithmetic, written out in the test and compared bit for bit on both
 * kernel sets: conv2d sums (kh, kw, c) in increasing order from +0 (a padding pixel a +0 term),
 * one float32 rounding per product and sum; its filter gradient sums (n, oh, ow) in increasing
 * order; depthwise sums its taps in increasing order; the fused bias is the bits of `add` and its
 * gradient the bits of `sum`.
 */
const f = Math.fround;

function conv2dBits(x: Tensor, w: Tensor, s: number, pad: 'same' | 'valid'): Float32Array {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [kH, kW, , O] = w.shape as [number, number, number, number];
  const [oH, pT] = axisRef(H, kH, s, 1, pad);
  const [oW, pL] = axisRef(W, kW, s, 1, pad);
  const out = new Float32Array(N * oH * oW * O);
  for (let n = 0; n < N; n++) for (let i = 0; i < oH; i++) for (let j = 0; j < oW; j++) for (let o = 0; o < O; o++) {
    let acc = 0;
    for (let a = 0; a < kH; a++) for (let b = 0; b < kW; b++) for (let c = 0; c < C; c++) {
      const h = i * s - pT + a;
      const v = j * s - pL + b;
      const xv = h < 0 || h >= H || v < 0 || v >= W ? 0 : (x.values[((n * H + h) * W + v) * C + c] as number);
      acc = f(acc + f(xv * (w.values[((a * kW + b) * C + c) * O + o] as number)));
    }
    out[((n * oH + i) * oW + j) * O + o] = acc;
  }
  return out;
}

function filterGradBits(x: Tensor, dy: Tensor, kH: number, kW: number, s: number, pad: 'same' | 'valid'): Float32Array {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [, oH, oW, O] = dy.shape as [number, number, number, number];
  const [, pT] = axisRef(H, kH, s, 1, pad);
  const [, pL] = axisRef(W, kW, s, 1, pad);
  const out = new Float32Array(kH * kW * C * O);
  for (let a = 0; a < kH; a++) for (let b = 0; b < kW; b++) for (let c = 0; c < C; c++) for (let o = 0; o < O; o++) {
    let acc = 0;
    for (let n = 0; n < N; n++) for (let i = 0; i < oH; i++) for (let j = 0; j < oW; j++) {
      const h = i * s - pT + a;
      const v = j * s - pL + b;
      const xv = h < 0 || h >= H || v < 0 || v >= W ? 0 : (x.values[((n * H + h) * W + v) * C + c] as number);
      acc = f(acc + f(xv * (dy.values[((n * oH + i) * oW + j) * O + o] as number)));
    }
    out[((a * kW + b) * C + c) * O + o] = acc;
  }
  return out;
}

function depthwiseBits(x: Tensor, w: Tensor, pad: 'same' | 'valid'): Float32Array {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [kH, kW, , M] = w.shape as [number, number, number, number];
  const [oH, pT] = axisRef(H, kH, 1, 1, pad);
  const [oW, pL] = axisRef(W, kW, 1, 1, pad);
  const out = new Float32Array(N * oH * oW * C * M);
  for (let n = 0; n < N; n++) for (let i = 0; i < oH; i++) for (let j = 0; j < oW; j++) for (let c = 0; c < C; c++) for (let m = 0; m < M; m++) {
    let acc = 0;
    for (let a = 0; a < kH; a++) for (let b = 0; b < kW; b++) {
      const h = i - pT + a;
      const v = j - pL + b;
      const xv = h < 0 || h >= H || v < 0 || v >= W ? 0 : (x.values[((n * H + h) * W + v) * C + c] as number);
      acc = f(acc + f(xv * (w.values[((a * kW + b) * C + c) * M + m] as number)));
    }
    out[((n * oH + i) * oW + j) * C * M + c * M + m] = acc;
  }
  return out;
}

const BACKENDS: BackendName[] = ['reference', 'wasm'];
afterAll(() => { setBackend('wasm'); });

describe.each(BACKENDS)('conv orders of arithmetic, bit for bit (%s kernels)', (backend) => {
  const rng = xorshift(77);
  // Big enough that the wasm set runs its native code (≥ 4096 multiply-adds).
  const x = randomTensor(rng, [3, 11, 10, 5]);
  const w = randomTensor(rng, [3, 3, 5, 7]);

  it.each([[1, 'same'], [2, 'valid'], [2, 'same'], [3, 'same']] as const)('conv2d and its filter gradient, stride %i, pad %s', (s, pad) => {
    setBackend(backend);
    const y = conv2d(x, w, s, pad);
    expectSameBits(y.values, conv2dBits(x, w, s, pad), 'conv2d');
    const dy = randomTensor(rng, y.shape);
    const [dw] = grads((ww: Tensor) => sum(mul(conv2d(x, ww, s, pad), dy)))([w]);
    expectSameBits((dw as Tensor).values, filterGradBits(x, dy, 3, 3, s, pad), 'filter gradient');
  });

  it('depthwiseConv2d', () => {
    setBackend(backend);
    const dw = randomTensor(rng, [3, 2, 5, 2]);
    expectSameBits(depthwiseConv2d(x, dw, 1, 'same').values, depthwiseBits(x, dw, 'same'), 'depthwise');
  });

  it('the fused bias gives the bits of add, and its gradient the bits of sum over the leading axes', () => {
    setBackend(backend);
    const b = randomTensor(rng, [7]);
    const fused = conv2dWithBias(x, w, b, 1, 'same');
    expectSameBits(fused.values, add(conv2d(x, w, 1, 'same'), b).values, 'conv2dWithBias');
    expectSameBits(biasAdd(fused, b).values, add(fused, b).values, 'biasAdd');
    expectSameBits(biasGradient(fused).values, sum(fused, [0, 1, 2]).values, 'biasGradient');
    const dy = randomTensor(rng, fused.shape);
    const [gFused, gPlain] = [
      grads((bb: Tensor) => sum(mul(conv2dWithBias(x, w, bb, 1, 'same'), dy)))([b]),
      grads((bb: Tensor) => sum(mul(add(conv2d(x, w, 1, 'same'), bb), dy)))([b]),
    ];
    expectSameBits((gFused[0] as Tensor).values, (gPlain[0] as Tensor).values, 'bias gradient');
  });

  it('the fused relu gives the bits of relu(add(…)), and all three gradients the bits of the unfused ops', () => {
    setBackend(backend);
    const b = randomTensor(rng, [7]);
    const fused = conv2dWithBias(x, w, b, 1, 'same', 'NHWC', 1, 'relu');
    expectSameBits(fused.values, relu(add(conv2d(x, w, 1, 'same'), b)).values, 'conv2dWithBias relu');
    const plain = conv2d(x, w, 1, 'same');
    expectSameBits(biasAdd(plain, b, 'relu').values, relu(add(plain, b)).values, 'biasAdd relu');
    expectSameBits(biasAdd(plain, null, 'relu').values, relu(plain).values, 'biasAdd relu, no bias');
    const dy = randomTensor(rng, fused.shape);
    const gFused = grads((xx: Tensor, ww: Tensor, bb: Tensor) => sum(mul(conv2dWithBias(xx, ww, bb, 1, 'same', 'NHWC', 1, 'relu'), dy)))([x, w, b]);
    const gPlain = grads((xx: Tensor, ww: Tensor, bb: Tensor) => sum(mul(relu(add(conv2d(xx, ww, 1, 'same'), bb)), dy)))([x, w, b]);
    ['x', 'w', 'b'].forEach((name, i) => expectSameBits((gFused[i] as Tensor).values, (gPlain[i] as Tensor).values, `gradient of ${name}`));
    const gBias = grads((yy: Tensor, bb: Tensor) => sum(mul(biasAdd(yy, bb, 'relu'), dy)))([plain, b]);
    const gBiasPlain = grads((yy: Tensor, bb: Tensor) => sum(mul(relu(add(yy, bb)), dy)))([plain, b]);
    gBias.forEach((g, i) => expectSameBits(g.values, (gBiasPlain[i] as Tensor).values, `biasAdd gradient ${i}`));
  });

  it('conv2dTranspose is the input gradient of conv2d', () => {
    setBackend(backend);
    const dy = randomTensor(rng, [3, 6, 5, 7]);
    const [dx] = grads((xx: Tensor) => sum(mul(conv2d(xx, w, 2, 'same'), dy)))([x]);
    expectSameBits(conv2dTranspose(dy, w, x.shape, 2, 'same').values, (dx as Tensor).values, 'conv2dTranspose');
  });
});
