import { record } from '../autograd/tape.js';
import type { ConvGeometry, FusedActivation } from '../kernels/index.js';
import * as kernels from '../kernels/index.js';
import { formatShape } from '../tensor/shape.js';
import type { ConvPadding, DimRoundingMode, SpatialPair } from './conv-geometry.js';
import { convGeometry, requireRank } from './conv-geometry.js';
import type { TensorInput } from './operand.js';
import { operand, requireFloat } from './operand.js';
import { reshape } from './reshape.js';
import { Tensor } from './tensor.js';
import { transpose } from './transpose.js';

/**
 * The three primitives of 2-D convolution over NHWC data (kernels `conv2d`, `conv2dBackpropInput`,
 * `conv2dBackpropFilter`: matrix products over the patch matrix of `im2col`), each with its
 * gradient expressed through the other two (conv's own backward pass runs as one fused kernel,
 * `conv2dBackward`, with the same bits):
 *   conv(x, W)            = im2col(x) · W                  (W as [kH·kW·inC, outC])
 *   backpropInput(dy, W)  = col2im(dy · Wᵀ)
 *   backpropFilter(x, dy) = im2col(x)ᵀ · dy
 * Reference order: an output of conv sums (kh, kw, c) in increasing order; backpropFilter sums
 * (n, oh, ow) in increasing order; backpropInput sums each dy·Wᵀ entry over outC in increasing
 * order, then each pixel its entries in increasing (kh, kw) order (col2im). Float32, one rounding
 * per product and per sum, no fused multiply-add (the matMul and col2im kernels).
 */

/**
 * act(conv(x, W) + bias): x [batch, inH, inW, inC], W [kH, kW, inC, outC], bias [outC] or null →
 * [batch, outH, outW, outC]. Bias and relu are applied in the same pass with the bits of separate
 * `add` and `relu` ops; their gradients are `reluGradient` and `biasGradient` (the bits of `sum`).
 */
export function convCore(x: Tensor, w: Tensor, g: ConvGeometry, bias: Tensor | null = null, activation: FusedActivation = 'linear'): Tensor {
  const outC = w.shape[3] as number;
  const y = new Tensor(new Float32Array(g.batch * g.outH * g.outW * outC), [g.batch, g.outH, g.outW, outC], 'float32');
  kernels.conv2d(x.values as Float32Array, w.values as Float32Array, bias ? bias.values as Float32Array : null, activation, g, outC, y.values as Float32Array);
  record('conv2d', bias ? [x, w, bias] : [x, w], y, (dy, needs) => {
    // NOTE: the backward pass runs without a tape (autograd/backprop.ts), so its results need no
    // gradient of their own: one fused kernel computes them (the bits of reluGradient,
    // biasGradient, backpropFilter and backpropInput, which stay the differentiable primitives).
    const grads = {
      input: needs[0] ? new Float32Array(x.size) : null,
      filter: needs[1] ? new Float32Array(w.size) : null,
      bias: bias && needs[2] ? new Float32Array(outC) : null,
    };
    kernels.conv2dBackward(x.values as Float32Array, w.values as Float32Array, dy.values as Float32Array, activation === 'relu' ? y.values as Float32Array : null, g, outC, grads);
    return [
      grads.input && new Tensor(grads.input, x.shape, 'float32'),
      grads.filter && new Tensor(grads.filter, w.shape, 'float32'),
      grads.bias && new Tensor(grads.bias, [outC], 'float32'),
    ];
  });
  return y;
}

/** The gradient of conv with respect to x, for output gradient dy [batch, outH, outW, outC]. */
export function backpropInput(dy: Tensor, w: Tensor, g: ConvGeometry): Tensor {
  const dx = new Tensor(new Float32Array(g.batch * g.inH * g.inW * g.inC), [g.batch, g.inH, g.inW, g.inC], 'float32');
  kernels.conv2dBackpropInput(dy.values as Float32Array, w.values as Float32Array, g, w.shape[3] as number, dx.values as Float32Array);
  record('conv2dBackpropInput', [dy, w], dx, (gx, needs) => [
    needs[0] ? convCore(gx, w, g) : null,
    needs[1] ? backpropFilter(gx, dy, g) : null,
  ]);
  return dx;
}

/** The gradient of conv with respect to W, for input x and output gradient dy. */
export function backpropFilter(x: Tensor, dy: Tensor, g: ConvGeometry): Tensor {
  const outC = dy.shape[3] as number;
  const dw = new Tensor(new Float32Array(g.kH * g.kW * g.inC * outC), [g.kH, g.kW, g.inC, outC], 'float32');
  kernels.conv2dBackpropFilter(x.values as Float32Array, dy.values as Float32Array, g, outC, dw.values as Float32Array);
  record('conv2dBackpropFilter', [x, dy], dw, (gw, needs) => [
    needs[0] ? backpropInput(dy, gw, g) : null,
    needs[1] ? convCore(x, gw, g) : null,
  ]);
  return dw;
}

/** TF.js data formats of 2-D ops: channels last (default) or first. */
export type Conv2DDataFormat = 'NHWC' | 'NCHW';

/** x as NHWC rank 4 (a rank-3 image gets a batch of 1; NCHW is transposed). */
export function toNHWC(x: Tensor, dataFormat: Conv2DDataFormat, op: string): Tensor {
  requireRank(x.shape, [3, 4], 'x', dataFormat === 'NHWC' ? '[batch, height, width, channels]' : '[batch, channels, height, width]', op);
  if (dataFormat !== 'NHWC' && dataFormat !== 'NCHW') throw new Error(`${op}: dataFormat must be 'NHWC' or 'NCHW'. Received: dataFormat=${JSON.stringify(dataFormat)}`);
  const x4 = x.rank === 3 ? reshape(x, [1, ...x.shape]) : x;
  return dataFormat === 'NCHW' ? transpose(x4, [0, 2, 3, 1]) : x4;
}

/** y back to the caller's layout and rank. */
export function fromNHWC(y: Tensor, dataFormat: Conv2DDataFormat, rank: number): Tensor {
  const y4 = dataFormat === 'NCHW' ? transpose(y, [0, 3, 1, 2]) : y;
  return rank === 3 ? reshape(y4, y4.shape.slice(1)) : y4;
}

/**
 * 2-D convolution (TF.js `conv2d`): x [batch, height, width, inChannels] (or rank 3, or NCHW),
 * filter [filterHeight, filterWidth, inChannels, outChannels]. Reference order: each output sums
 * (kh, kw, inChannel) in increasing order in float32 (a padding pixel is a +0 term); gradients
 * as `convCore` documents.
 * @example conv2d(x, filter, 1, 'same') // x [1, 5, 5, 1], filter [3, 3, 1, 8] → [1, 5, 5, 8]
 */
export function conv2d(x: TensorInput, filter: TensorInput, strides: SpatialPair, pad: ConvPadding, dataFormat: Conv2DDataFormat = 'NHWC', dilations: SpatialPair = [1, 1], dimRoundingMode?: DimRoundingMode): Tensor {
  return conv2dWithBias(x, filter, null, strides, pad, dataFormat, dilations, 'linear', dimRoundingMode);
}

/**
 * conv2d with a bias [outChannels] and a relu applied in the same pass (TF.js `fused.conv2d`):
 * the bits of `relu(add(conv2d(…), bias))`, faster. What the Conv2D layer calls.
 * @example conv2dWithBias(x, filter, bias, 1, 'same', 'NHWC', 1, 'relu')
 */
export function conv2dWithBias(x: TensorInput, filter: TensorInput, bias: Tensor | null, strides: SpatialPair, pad: ConvPadding, dataFormat: Conv2DDataFormat = 'NHWC', dilations: SpatialPair = [1, 1], activation: FusedActivation = 'linear', dimRoundingMode?: DimRoundingMode): Tensor {
  const op = 'conv2d';
  const $x = operand(x, 'x', op);
  const $f = operand(filter, 'filter', op);
  requireFloat($x, 'x', op);
  requireFloat($f, 'filter', op);
  requireRank($f.shape, [4], 'filter', '[filterHeight, filterWidth, inChannels, outChannels]', op);
  const x4 = toNHWC($x, dataFormat, op);
  const [kH, kW, inC] = $f.shape as [number, number, number, number];
  if (x4.shape[3] !== inC) {
    throw new Error(`${op}: the input has ${x4.shape[3]} channels (shape ${formatShape($x.shape)}, ${dataFormat}) but the filter ${formatShape($f.shape)} expects ${inC}`);
  }
  const outC = $f.shape[3] as number;
  if (bias && (bias.rank !== 1 || bias.shape[0] !== outC)) throw new Error(`${op}: expected a bias of shape [${outC}] for filter ${formatShape($f.shape)}, received ${formatShape(bias.shape)}`);
  const g = convGeometry(op, x4.shape, kH, kW, strides, dilations, pad, dimRoundingMode);
  return fromNHWC(convCore(x4, $f, g, bias, activation), dataFormat, $x.rank);
}
