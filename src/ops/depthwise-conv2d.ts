import { record } from '../autograd/tape.js';
import type { ConvGeometry } from '../kernels/index.js';
import * as kernels from '../kernels/index.js';
import { formatShape } from '../tensor/shape.js';
import type { Conv2DDataFormat } from './conv2d.js';
import { fromNHWC, toNHWC } from './conv2d.js';
import type { ConvPadding, DimRoundingMode, SpatialPair } from './conv-geometry.js';
import { convGeometry, requireRank } from './conv-geometry.js';
import type { TensorInput } from './operand.js';
import { operand, requireFloat } from './operand.js';
import { Tensor } from './tensor.js';

/**
 * The three primitives of depthwise convolution (each input channel convolved with its own M
 * filters), each with its gradient expressed through the other two, as for conv2d. Reference
 * orders: the kernels `depthwiseConv2d`, `depthwiseBackpropInput`, `depthwiseBackpropFilter`.
 */
function depthwiseCore(x: Tensor, f: Tensor, g: ConvGeometry): Tensor {
  const m = f.shape[3] as number;
  const y = new Tensor(new Float32Array(g.batch * g.outH * g.outW * g.inC * m), [g.batch, g.outH, g.outW, g.inC * m], 'float32');
  kernels.depthwiseConv2d(x.values as Float32Array, f.values as Float32Array, g, m, y.values as Float32Array);
  record('depthwiseConv2d', [x, f], y, (dy, needs) => [
    needs[0] ? depthwiseInput(dy, f, g) : null,
    needs[1] ? depthwiseFilter(x, dy, g, m) : null,
  ]);
  return y;
}

function depthwiseInput(dy: Tensor, f: Tensor, g: ConvGeometry): Tensor {
  const m = f.shape[3] as number;
  const dx = new Tensor(new Float32Array(g.batch * g.inH * g.inW * g.inC), [g.batch, g.inH, g.inW, g.inC], 'float32');
  kernels.depthwiseBackpropInput(dy.values as Float32Array, f.values as Float32Array, g, m, dx.values as Float32Array);
  record('depthwiseConv2dBackpropInput', [dy, f], dx, (gx, needs) => [
    needs[0] ? depthwiseCore(gx, f, g) : null,
    needs[1] ? depthwiseFilter(gx, dy, g, m) : null,
  ]);
  return dx;
}

function depthwiseFilter(x: Tensor, dy: Tensor, g: ConvGeometry, m: number): Tensor {
  const df = new Tensor(new Float32Array(g.kH * g.kW * g.inC * m), [g.kH, g.kW, g.inC, m], 'float32');
  kernels.depthwiseBackpropFilter(x.values as Float32Array, dy.values as Float32Array, g, m, df.values as Float32Array);
  record('depthwiseConv2dBackpropFilter', [x, dy], df, (gf, needs) => [
    needs[0] ? depthwiseInput(dy, gf, g) : null,
    needs[1] ? depthwiseCore(x, gf, g) : null,
  ]);
  return df;
}

/**
 * Depthwise 2-D convolution (TF.js `depthwiseConv2d`): x [batch, height, width, inChannels],
 * filter [filterHeight, filterWidth, inChannels, channelMultiplier] → output channel
 * c·channelMultiplier + m convolves input channel c with filter[:, :, c, m]. Reference order: each
 * output sums its taps (kh, kw) in increasing order in float32.
 * @example depthwiseConv2d(x, filter, 1, 'same') // x [1, 5, 5, 3], filter [3, 3, 3, 2] → [1, 5, 5, 6]
 */
export function depthwiseConv2d(x: TensorInput, filter: TensorInput, strides: SpatialPair, pad: ConvPadding, dataFormat: Conv2DDataFormat = 'NHWC', dilations: SpatialPair = [1, 1], dimRoundingMode?: DimRoundingMode): Tensor {
  const op = 'depthwiseConv2d';
  const $x = operand(x, 'x', op);
  const $f = operand(filter, 'filter', op);
  requireFloat($x, 'x', op);
  requireFloat($f, 'filter', op);
  requireRank($f.shape, [4], 'filter', '[filterHeight, filterWidth, inChannels, channelMultiplier]', op);
  const x4 = toNHWC($x, dataFormat, op);
  const [kH, kW, inC] = $f.shape as [number, number, number, number];
  if (x4.shape[3] !== inC) {
    throw new Error(`${op}: the input has ${x4.shape[3]} channels (shape ${formatShape($x.shape)}, ${dataFormat}) but the filter ${formatShape($f.shape)} expects ${inC}`);
  }
  const g = convGeometry(op, x4.shape, kH, kW, strides, dilations, pad, dimRoundingMode);
  return fromNHWC(depthwiseCore(x4, $f, g), dataFormat, $x.rank);
}
