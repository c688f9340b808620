import { record } from '../autograd/tape.js';
import * as kernels from '../kernels/index.js';
import type { PoolGeometry } from '../kernels/index.js';
import { formatShape, sizeOf } from '../tensor/shape.js';
import { Tensor } from './tensor.js';
import type { TensorInput } from './operand.js';
import { operand, requireFloat } from './operand.js';
import { reshape } from './reshape.js';

/** How a pooling window meets the border (TF.js): `'valid'`, `'same'`, or zero padding on every side. */
export type PoolPadding = 'valid' | 'same' | number;
/** How a fractional output extent rounds when `pad` is a number (TF.js; default: truncate). */
export type DimRoundingMode = 'floor' | 'round' | 'ceil';

function pairOf(v: number | readonly number[], what: string, op: string): [number, number] {
  const p = typeof v === 'number' ? [v, v] : v;
  if (p.length !== 2 || p.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new Error(`${op}: ${what} must be a positive integer or a pair [height, width] of them. Received: ${what}=${JSON.stringify(v)}`);
  }
  return [p[0] as number, p[1] as number];
}

function rounded(v: number, mode: DimRoundingMode | undefined): number {
  if (mode === 'floor') return Math.floor(v);
  if (mode === 'ceil') return Math.ceil(v);
  if (mode === 'round') return Math.round(v);
  return Math.trunc(v);
}

/**
 * The window geometry of `tf.maxPool` / `tf.avgPool` (TF.js `computePool2DInfo`, dilation 1) for
 * an NHWC shape: 'same' gives ceil(in / stride) outputs and pads what the windows need past the
 * input, the smaller half before; 'valid' pads nothing; a number pads that much on every side. Throws naming `op` when an output extent is < 1.
 * @example poolGeometry([1, 4, 4, 1], 2, 2, 'valid', undefined, 'maxPool').outH // 2
 */
export function poolGeometry(shape: readonly number[], filterSize: number | readonly number[], strides: number | readonly number[], pad: PoolPadding, dimRoundingMode: DimRoundingMode | undefined, op: string): PoolGeometry {
  const [batch, inH, inW, channels] = shape as [number, number, number, number];
  const [filterH, filterW] = pairOf(filterSize, 'filterSize', op);
  const [strideH, strideW] = pairOf(strides, 'strides', op);
  if (dimRoundingMode !== undefined && !['floor', 'round', 'ceil'].includes(dimRoundingMode)) {
    throw new Error(`${op}: dimRoundingMode must be 'floor', 'round' or 'ceil'. Received: ${JSON.stringify(dimRoundingMode)}`);
  }
  let outH: number;
  let outW: number;
  let padTop = 0;
  let padLeft = 0;
  if (pad === 'same') {
    outH = Math.ceil(inH / strideH);
    outW = Math.ceil(inW / strideW);
    padTop = Math.floor(Math.max(0, (outH - 1) * strideH + filterH - inH) / 2);
    padLeft = Math.floor(Math.max(0, (outW - 1) * strideW + filterW - inW) / 2);
  } else if (pad === 'valid') {
    outH = Math.ceil((inH - filterH + 1) / strideH);
    outW = Math.ceil((inW - filterW + 1) / strideW);
  } else if (typeof pad === 'number' && Number.isInteger(pad) && pad >= 0) {
    outH = rounded((inH - filterH + 2 * pad) / strideH + 1, dimRoundingMode);
    outW = rounded((inW - filterW + 2 * pad) / strideW + 1, dimRoundingMode);
    padTop = pad;
    padLeft = pad;
  } else {
    throw new Error(`${op}: pad must be 'valid', 'same' or a non-negative integer. Received: pad=${JSON.stringify(pad)}`);
  }
  if (outH < 1 || outW < 1) {
    throw new Error(`${op}: a ${filterH}×${filterW} window with strides [${strideH}, ${strideW}] and pad ${JSON.stringify(pad)} leaves no output for input ${formatShape(shape)} (output ${outH}×${outW}); expected the padded input at least as large as the window`);
  }
  // NOTE: a window wholly inside a numeric pad would have nothing to pool (TF.js gives −∞ or 0/0).
  if (filterH <= padTop || filterW <= padLeft || (outH - 1) * strideH - padTop >= inH || (outW - 1) * strideW - padLeft >= inW) {
    throw new Error(`${op}: pad ${JSON.stringify(pad)} puts a whole ${filterH}×${filterW} window outside input ${formatShape(shape)}; expected a pad smaller than the window`);
  }
  return { batch, inH, inW, channels, filterH, filterW, strideH, strideW, padTop, padLeft, outH, outW };
}

/** The input as rank 4 (a rank-3 input is one image: batch 1), validated for `op`. */
function input4d(x: TensorInput, op: string): Tensor {
  const $x = operand(x, 'x', op);
  requireFloat($x, 'x', op);
  if ($x.rank !== 3 && $x.rank !== 4) {
    throw new Error(`${op}: x must have rank 4 [batch, height, width, channels] or rank 3 [height, width, channels], received shape ${formatShape($x.shape)}`);
  }
  return $x;
}

function outputOf(g: PoolGeometry): Tensor {
  const shape = [g.batch, g.outH, g.outW, g.channels];
  return new Tensor(new Float32Array(sizeOf(shape)), shape, 'float32');
}

/**
 * 2-D max pooling of NHWC images (TF.js `tf.maxPool(x, filterSize, strides, pad, dimRoundingMode)`).
 * Each output is the first maximum of its window in (row, column) order; NaN is skipped, as in
 * TF.js cpu (reference/pool.ts). Gradient: dy routed to the chosen element, summed where windows
 * overlap in (row, column) order of the output.
 * @example maxPool(tensor4d([1, 3, 2, 4], [1, 2, 2, 1]), 2, 2, 'valid') // [[[[4]]]]
 */
export function maxPool(x: TensorInput, filterSize: number | readonly [number, number], strides: number | readonly [number, number], pad: PoolPadding, dimRoundingMode?: DimRoundingMode): Tensor {
  const $x = input4d(x, 'maxPool');
  const x4 = $x.rank === 4 ? $x : reshape($x, [1, ...$x.shape]);
  const g = poolGeometry(x4.shape, filterSize, strides, pad, dimRoundingMode, 'maxPool');
  const positions = new Int32Array(g.batch * g.outH * g.outW * g.channels);
  const out = outputOf(g);
  kernels.maxPool(x4.values as Float32Array, g, out.values as Float32Array, positions);
  record('maxPool', [x4], out, (dy) => {
    const dx = new Float32Array(x4.size);
    kernels.maxPoolBackward(dy.values as Float32Array, positions, dx);
    return [new Tensor(dx, x4.shape, 'float32')];
  });
  return $x.rank === 4 ? out : reshape(out, out.shape.slice(1));
}

/**
 * 2-D average pooling of NHWC images (TF.js `tf.avgPool(x, filterSize, strides, pad, dimRoundingMode)`):
 * the float32 sum of each window's valid elements in (row, column) order, divided once by their
 * count. Gradient: each dy divided by its window's count, added to the window's elements.
 * NOTE: TF.js cpu's gradient divides by the full window size even where 'same' padding cut the
 * window; this is the derivative of the forward pass (as TF computes it).
 * @example avgPool(tensor4d([1, 3, 2, 4], [1, 2, 2, 1]), 2, 2, 'valid') // [[[[2.5]]]]
 */
export function avgPool(x: TensorInput, filterSize: number | readonly [number, number], strides: number | readonly [number, number], pad: PoolPadding, dimRoundingMode?: DimRoundingMode): Tensor {
  const $x = input4d(x, 'avgPool');
  const x4 = $x.rank === 4 ? $x : reshape($x, [1, ...$x.shape]);
  const g = poolGeometry(x4.shape, filterSize, strides, pad, dimRoundingMode, 'avgPool');
  const out = outputOf(g);
  kernels.avgPool(x4.values as Float32Array, g, out.values as Float32Array);
  record('avgPool', [x4], out, (dy) => {
    const dx = new Float32Array(x4.size);
    kernels.avgPoolBackward(dy.values as Float32Array, g, dx);
    return [new Tensor(dx, x4.shape, 'float32')];
  });
  return $x.rank === 4 ? out : reshape(out, out.shape.slice(1));
}
