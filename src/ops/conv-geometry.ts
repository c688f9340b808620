import type { ConvGeometry } from '../kernels/index.js';
import { formatShape } from '../tensor/shape.js';

/**
 * Padding of a convolution (TF.js): `'valid'` (none), `'same'` (the output keeps ⌈input/stride⌉
 * pixels; TF's split, the smaller half before), a number of zero pixels on every side, or explicit
 * [[0, 0], [top, bottom], [left, right], [0, 0]] in NHWC order.
 */
export type ConvPadding = 'valid' | 'same' | number | readonly (readonly [number, number])[];

/** TF.js rounding of the output size when `pad` is a number. */
export type DimRoundingMode = 'floor' | 'round' | 'ceil';

/** A stride or dilation: one number for both spatial axes, or [height, width]. */
export type SpatialPair = number | readonly [number, number];

/** [height, width] from a number or a pair, each a positive integer; errors name `op` and `what`. */
export function spatialPair(value: SpatialPair | readonly number[], what: string, op: string): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : Array.isArray(value) && value.length === 1 ? [value[0], value[0]] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => Number.isInteger(v) && (v as number) >= 1)) {
    throw new Error(`${op}: ${what} must be a positive integer or two of them [height, width]. Received: ${what}=${JSON.stringify(value)}`);
  }
  return pair as [number, number];
}

/** One spatial axis: its output extent and the padding before it. */
function axisGeometry(op: string, axisName: string, size: number, k: number, stride: number, dilation: number, pad: ConvPadding, axis: 1 | 2, rounding: DimRoundingMode | undefined): [number, number] {
  const effective = (k - 1) * dilation + 1;
  let out: number;
  let before: number;
  if (pad === 'same') {
    out = Math.ceil(size / stride);
    const total = Math.max((out - 1) * stride + effective - size, 0);
    before = Math.floor(total / 2);
  } else if (pad === 'valid') {
    out = Math.ceil((size - effective + 1) / stride);
    before = 0;
  } else if (typeof pad === 'number') {
    const exact = (size - effective + 2 * pad) / stride + 1;
    out = rounding === 'ceil' ? Math.ceil(exact) : rounding === 'round' ? Math.round(exact) : Math.floor(exact);
    before = pad;
  } else {
    const [b, a] = pad[axis] as readonly [number, number];
    out = Math.floor((size + b + a - effective) / stride) + 1;
    before = b;
  }
  if (out < 1) {
    throw new Error(`${op}: a window of ${k} taps${dilation > 1 ? ` (dilation ${dilation}: spanning ${effective})` : ''} does not fit in the input's ${axisName} of ${size} with padding ${JSON.stringify(pad)}; expected an input ${axisName} of at least ${effective} (or padding 'same')`);
  }
  return [out, before];
}

/** Checks `pad` is one of the accepted forms; errors name `op`. */
function checkPadding(pad: ConvPadding, op: string): void {
  if (pad === 'same' || pad === 'valid') return;
  if (typeof pad === 'number' && Number.isInteger(pad) && pad >= 0) return;
  const explicit = Array.isArray(pad) && pad.length === 4 && pad.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0));
  if (explicit && (pad[0] as readonly number[]).every((v) => v === 0) && (pad[3] as readonly number[]).every((v) => v === 0)) return;
  throw new Error(`${op}: pad must be 'same', 'valid', a non-negative integer or [[0, 0], [top, bottom], [left, right], [0, 0]]. Received: pad=${JSON.stringify(pad)}`);
}

/**
 * The geometry of a convolution of NHWC input `xShape` with a kH × kW window. Errors name `op`.
 * TF.js and Keras refuse strides and dilations both above 1, and so does SameBits.
 */
export function convGeometry(op: string, xShape: readonly number[], kH: number, kW: number, strides: SpatialPair, dilations: SpatialPair, pad: ConvPadding, rounding?: DimRoundingMode): ConvGeometry {
  const [strideH, strideW] = spatialPair(strides, 'strides', op);
  const [dilationH, dilationW] = spatialPair(dilations, 'dilations', op);
  if ((strideH > 1 || strideW > 1) && (dilationH > 1 || dilationW > 1)) {
    throw new Error(`${op}: strides and dilations cannot both exceed 1 (as in TF.js and Keras). Received: strides=${JSON.stringify(strides)}, dilations=${JSON.stringify(dilations)}`);
  }
  checkPadding(pad, op);
  const [batch, inH, inW, inC] = xShape as [number, number, number, number];
  const [outH, padTop] = axisGeometry(op, 'height', inH, kH, strideH, dilationH, pad, 1, rounding);
  const [outW, padLeft] = axisGeometry(op, 'width', inW, kW, strideW, dilationW, pad, 2, rounding);
  return { batch, inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft };
}

/** Throws `<op>: expected <name> of rank <ranks> <layout>, received <shape>` unless the rank fits. */
export function requireRank(shape: readonly number[], ranks: readonly number[], name: string, layout: string, op: string): void {
  if (!ranks.includes(shape.length)) {
    throw new Error(`${op}: expected ${name} of rank ${ranks.join(' or ')} ${layout}, received shape ${formatShape(shape)}`);
  }
}
