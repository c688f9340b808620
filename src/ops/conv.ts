import { formatShape } from '../tensor/shape.js';
import type { Conv2DDataFormat } from './conv2d.js';
import { backpropInput, conv2d, fromNHWC, toNHWC } from './conv2d.js';
import type { ConvPadding, DimRoundingMode, SpatialPair } from './conv-geometry.js';
import { convGeometry, requireRank } from './conv-geometry.js';
import { depthwiseConv2d } from './depthwise-conv2d.js';
import type { TensorInput } from './operand.js';
import { operand, requireFloat } from './operand.js';
import { reshape } from './reshape.js';
import type { Tensor } from './tensor.js';
import { transpose } from './transpose.js';

/**
 * The convolutions composed from the conv2d and depthwise primitives: they need no gradient code
 * of their own, and their order of arithmetic is that of the primitive they reduce to.
 */

/** Padding of conv1d: as conv2d's, with explicit padding as [[0, 0], [left, right], [0, 0]]. */
export type Conv1DPadding = 'valid' | 'same' | number | readonly (readonly [number, number])[];

/**
 * 1-D convolution (TF.js `conv1d`): x [batch, width, inChannels] (or rank 2, or NCW), filter
 * [filterWidth, inChannels, outChannels]; conv2d on a height of 1, so the same order of
 * arithmetic (each output sums (k, inChannel) in increasing order).
 * @example conv1d(x, filter, 1, 'same') // x [2, 10, 3], filter [3, 3, 4] → [2, 10, 4]
 */
export function conv1d(x: TensorInput, filter: TensorInput, stride: number, pad: Conv1DPadding, dataFormat: 'NWC' | 'NCW' = 'NWC', dilation = 1, dimRoundingMode?: DimRoundingMode): Tensor {
  const op = 'conv1d';
  const $x = operand(x, 'x', op);
  const $f = operand(filter, 'filter', op);
  requireFloat($x, 'x', op);
  requireFloat($f, 'filter', op);
  requireRank($x.shape, [2, 3], 'x', dataFormat === 'NCW' ? '[batch, channels, width]' : '[batch, width, channels]', op);
  requireRank($f.shape, [3], 'filter', '[filterWidth, inChannels, outChannels]', op);
  if (dataFormat !== 'NWC' && dataFormat !== 'NCW') throw new Error(`${op}: dataFormat must be 'NWC' or 'NCW'. Received: dataFormat=${JSON.stringify(dataFormat)}`);
  const x3 = $x.rank === 2 ? reshape($x, [1, ...$x.shape]) : $x;
  const nwc = dataFormat === 'NCW' ? transpose(x3, [0, 2, 1]) : x3;
  const [batch, width, channels] = nwc.shape as [number, number, number];
  let pad2: ConvPadding;
  const count = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
  const pair = (p: unknown, zero: boolean): boolean => Array.isArray(p) && p.length === 2 && p.every((v) => count(v) && (!zero || v === 0));
  // Checked here, not by conv2d, so an error quotes the conv1d form the caller wrote.
  if (typeof pad === 'number' && count(pad)) pad2 = [[0, 0], [0, 0], [pad, pad], [0, 0]];
  else if (pad === 'same' || pad === 'valid') pad2 = pad;
  else if (Array.isArray(pad) && pad.length === 3 && pair(pad[0], true) && pair(pad[1], false) && pair(pad[2], true)) pad2 = [[0, 0], [0, 0], pad[1] as readonly [number, number], [0, 0]];
  else throw new Error(`${op}: pad must be 'same', 'valid', a non-negative integer or [[0, 0], [left, right], [0, 0]]. Received: pad=${JSON.stringify(pad)}`);
  const [k, inC, outC] = $f.shape as [number, number, number];
  // Checked here so the errors name conv1d and the caller's shapes, not the conv2d below.
  checkInt(stride, 'stride');
  checkInt(dilation, 'dilation');
  if (stride > 1 && dilation > 1) throw new Error(`${op}: stride and dilation cannot both exceed 1 (as in TF.js and Keras). Received: stride=${stride}, dilation=${dilation}`);
  if (channels !== inC) throw new Error(`${op}: the input has ${channels} channels (shape ${formatShape($x.shape)}, ${dataFormat}) but the filter ${formatShape($f.shape)} expects ${inC}`);
  convGeometry(op, [batch, 1, width, channels], 1, k, [1, stride], [1, dilation], pad2, dimRoundingMode);
  const y = conv2d(reshape(nwc, [batch, 1, width, channels]), reshape($f, [1, k, inC, outC]), [1, stride], pad2, 'NHWC', [1, dilation], dimRoundingMode);
  const y3 = reshape(y, [batch, y.shape[2] as number, outC]);
  const out = dataFormat === 'NCW' ? transpose(y3, [0, 2, 1]) : y3;
  return $x.rank === 2 ? reshape(out, out.shape.slice(1)) : out;
}

function checkInt(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 1) throw new Error(`conv1d: ${what} must be a positive integer. Received: ${what}=${JSON.stringify(v)}`);
  return v;
}

/**
 * Transposed 2-D convolution (TF.js `conv2dTranspose`, the gradient of conv2d with respect to its
 * input): x [batch, height, width, inDepth], filter [filterHeight, filterWidth, outDepth, inDepth],
 * outputShape [batch, outHeight, outWidth, outDepth] (the conv2d of an output-shaped input with
 * these strides and pad must have x's height and width). Reference order: each dy·filterᵀ entry
 * sums inDepth in increasing order, then each output pixel adds its entries in increasing tap order.
 * @example conv2dTranspose(x, filter, [1, 10, 10, 4], 2, 'same') // x [1, 5, 5, 8], filter [3, 3, 4, 8]
 */
export function conv2dTranspose(x: TensorInput, filter: TensorInput, outputShape: readonly number[], strides: SpatialPair, pad: ConvPadding, dimRoundingMode?: DimRoundingMode): Tensor {
  const op = 'conv2dTranspose';
  const $x = operand(x, 'x', op);
  const $f = operand(filter, 'filter', op);
  requireFloat($x, 'x', op);
  requireFloat($f, 'filter', op);
  requireRank($f.shape, [4], 'filter', '[filterHeight, filterWidth, outDepth, inDepth]', op);
  const x4 = toNHWC($x, 'NHWC', op);
  requireRank(outputShape, [$x.rank], 'outputShape', $x.rank === 4 ? '[batch, height, width, outDepth]' : '[height, width, outDepth]', op);
  const out4 = outputShape.length === 3 ? [1, ...outputShape] : outputShape.slice();
  const [kH, kW, outDepth, inDepth] = $f.shape as [number, number, number, number];
  if (x4.shape[3] !== inDepth || out4[3] !== outDepth || out4[0] !== x4.shape[0]) {
    throw new Error(`${op}: x ${formatShape($x.shape)}, filter ${formatShape($f.shape)} and outputShape ${formatShape(outputShape)} disagree; expected x channels = filter[3] (${inDepth}), outputShape channels = filter[2] (${outDepth}) and equal batch sizes`);
  }
  const g = convGeometry(op, out4, kH, kW, strides, 1, pad, dimRoundingMode);
  if (g.outH !== x4.shape[1] || g.outW !== x4.shape[2]) {
    throw new Error(`${op}: an input of outputShape ${formatShape(outputShape)} convolved with a ${kH}×${kW} filter, strides ${JSON.stringify(strides)} and pad ${JSON.stringify(pad)} gives height × width ${g.outH}×${g.outW}, but x ${formatShape($x.shape)} has ${x4.shape[1]}×${x4.shape[2]}`);
  }
  return fromNHWC(backpropInput(x4, $f, g), 'NHWC', $x.rank);
}

/**
 * Depthwise separable 2-D convolution (TF.js `separableConv2d`): a depthwise convolution, then a
 * 1×1 convolution mixing channels. depthwiseFilter [filterHeight, filterWidth, inChannels,
 * channelMultiplier], pointwiseFilter [1, 1, inChannels·channelMultiplier, outChannels].
 * @example separableConv2d(x, dw, pw, 1, 'same') // x [1, 5, 5, 3], dw [3, 3, 3, 2], pw [1, 1, 6, 4] → [1, 5, 5, 4]
 */
export function separableConv2d(x: TensorInput, depthwiseFilter: TensorInput, pointwiseFilter: TensorInput, strides: SpatialPair, pad: ConvPadding, dilation: SpatialPair = [1, 1], dataFormat: Conv2DDataFormat = 'NHWC'): Tensor {
  const op = 'separableConv2d';
  const $dw = operand(depthwiseFilter, 'depthwiseFilter', op);
  const $pw = operand(pointwiseFilter, 'pointwiseFilter', op);
  requireRank($dw.shape, [4], 'depthwiseFilter', '[filterHeight, filterWidth, inChannels, channelMultiplier]', op);
  requireRank($pw.shape, [4], 'pointwiseFilter', '[1, 1, inChannels·channelMultiplier, outChannels]', op);
  const channels = ($dw.shape[2] as number) * ($dw.shape[3] as number);
  if ($pw.shape[0] !== 1 || $pw.shape[1] !== 1 || $pw.shape[2] !== channels) {
    throw new Error(`${op}: expected pointwiseFilter of shape [1, 1, ${channels}, outChannels] for depthwiseFilter ${formatShape($dw.shape)}, received ${formatShape($pw.shape)}`);
  }
  const $x = operand(x, 'x', op);
  const channelAxis = dataFormat === 'NCHW' ? $x.rank - 3 : $x.rank - 1;
  if ($x.shape[channelAxis] !== $dw.shape[2]) {
    throw new Error(`${op}: the input has ${String($x.shape[channelAxis])} channels (shape ${formatShape($x.shape)}, ${dataFormat}) but the depthwiseFilter ${formatShape($dw.shape)} expects ${String($dw.shape[2])}`);
  }
  const depthwise = depthwiseConv2d($x, $dw, strides, pad, dataFormat, dilation);
  return conv2d(depthwise, $pw, 1, 'valid', dataFormat);
}
