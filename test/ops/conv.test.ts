import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv1d, conv2d, conv2dTranspose, depthwiseConv2d, grads, mul, separableConv2d, sum } from '../../src/ops/index.js';
import type { ConvPadding } from '../../src/ops/index.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { backpropFilter, backpropInput } from '../../src/ops/conv2d.js';
import { convGeometry } from '../../src/ops/conv-geometry.js';
import { conv2dRef, conv2dTransposeRef, depthwiseRef } from '../helpers/conv-reference.js';
import { expectSameBits } from '../helpers/bits.js';
import { checkGradients } from '../helpers/gradcheck.js';
import type { Ref } from '../helpers/reference.js';
import { randomTensor, xorshift } from '../helpers/rng.js';
import { useTfjsCpu } from '../peer/harness.js';

/**
 * The conv ops against real TF.js (4.22, cpu backend) on the same values: forward outputs and the
 * gradients of Σ w·op(x, filter) (w random) with respect to every operand. TF.js sums in float32
 * in its own order, so agreement is to float32 tolerance: relative to the largest magnitude.
 */
const TOLERANCE = 2e-6;

function close(ours: Tensor, theirs: tf.Tensor, what: string): void {
  expect(ours.shape, `${what}: shape`).toEqual(theirs.shape);
  const t = theirs.dataSync();
  let scale = 1e-30;
  for (const v of t) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  ours.values.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - (t[i] as number))); });
  expect(worst / scale, `${what}: max |ours − TF.js| / max |TF.js|`).toBeLessThanOrEqual(TOLERANCE);
}

const asTf = (t: Tensor): tf.Tensor => tf.tensor(Float32Array.from(t.values), t.shape, 'float32');

/**
 * Checks op(...operands) and its gradients against TF.js's same op. TF.js has no gradients for
 * dilated convolutions: `gradients: false` compares the forward pass only (the gradient is then
 * checked against float64 finite differences instead).
 */
function agree(what: string, operands: Tensor[], ours: (...a: Tensor[]) => Tensor, theirs: (...a: tf.Tensor[]) => tf.Tensor, gradients = true): void {
  const y = ours(...operands);
  const tfOperands = operands.map(asTf);
  const ty = theirs(...tfOperands);
  close(y, ty, `${what} forward`);
  if (!gradients) return;
  const rng = xorshift(5);
  const w = randomTensor(rng, y.shape);
  const ourGrads = grads((...a: Tensor[]) => sum(mul(ours(...a), w)))(operands);
  const theirGrads = tf.grads((...a: tf.Tensor[]) => tf.sum(tf.mul(theirs(...a), asTf(w))))(tfOperands);
  ourGrads.forEach((g, i) => close(g, theirGrads[i] as tf.Tensor, `${what} gradient of operand ${i}`));
}

beforeAll(useTfjsCpu);

describe('conv2d agrees with TF.js, forward and gradients', () => {
  const rng = xorshift(11);
  const cases: { x: number[]; f: number[]; strides: number | [number, number]; pad: ConvPadding; dilations?: [number, number] }[] = [
    { x: [2, 7, 6, 3], f: [3, 3, 3, 4], strides: 1, pad: 'valid' },
    { x: [2, 7, 6, 3], f: [3, 3, 3, 4], strides: 1, pad: 'same' },
    { x: [1, 9, 8, 2], f: [3, 2, 2, 5], strides: [2, 3], pad: 'same' },
    { x: [1, 9, 8, 2], f: [4, 4, 2, 3], strides: 2, pad: 'same' },
    { x: [1, 9, 8, 2], f: [3, 3, 2, 3], strides: 3, pad: 'valid' },
    { x: [2, 8, 9, 2], f: [3, 3, 2, 2], strides: 1, pad: 'same', dilations: [2, 2] },
    { x: [1, 8, 9, 2], f: [2, 3, 2, 2], strides: 1, pad: 'valid', dilations: [3, 2] },
    { x: [2, 5, 5, 3], f: [1, 1, 3, 4], strides: 1, pad: 'valid' },
    { x: [1, 3, 2, 2], f: [5, 5, 2, 3], strides: 1, pad: 'same' },
    { x: [1, 6, 6, 1], f: [3, 3, 1, 2], strides: 1, pad: 1 },
    { x: [1, 6, 7, 2], f: [3, 3, 2, 2], strides: 1, pad: [[0, 0], [2, 0], [1, 3], [0, 0]] },
  ];
  it.each(cases)('x $x, filter $f, strides $strides, pad $pad, dilations $dilations', ({ x, f, strides, pad, dilations }) => {
    agree('conv2d', [randomTensor(rng, x), randomTensor(rng, f)],
      (a, b) => conv2d(a, b, strides, pad, 'NHWC', dilations),
      (a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad as 'same', 'NHWC', dilations), dilations === undefined);
    if (dilations && (pad === 'same' || pad === 'valid')) {
      checkGradients({ op: (a, b) => conv2d(a, b, strides, pad, 'NHWC', dilations), reference: (a: Ref, b: Ref) => conv2dRef(a, b, [1, 1], pad, dilations), inputs: [randomTensor(rng, x), randomTensor(rng, f)] });
    }
  });

  it('NCHW input gives the transposed NHWC result', () => {
    agree('conv2d NCHW', [randomTensor(rng, [2, 3, 5, 6]), randomTensor(rng, [3, 3, 3, 2])],
      (a, b) => conv2d(a, b, 1, 'same', 'NCHW'),
      (a, b) => tf.transpose(tf.conv2d(tf.transpose(a, [0, 2, 3, 1]) as tf.Tensor4D, b as tf.Tensor4D, 1, 'same'), [0, 3, 1, 2]));
  });

  it('a rank-3 input is one image', () => {
    agree('conv2d rank 3', [randomTensor(rng, [5, 6, 2]), randomTensor(rng, [3, 3, 2, 2])],
      (a, b) => conv2d(a, b, 2, 'same'),
      (a, b) => tf.conv2d(a as tf.Tensor3D, b as tf.Tensor4D, 2, 'same'));
  });
});

describe('the composed convolutions agree with TF.js, forward and gradients', () => {
  const rng = xorshift(12);
  it.each([[1, 'valid', 1], [2, 'same', 1], [1, 'same', 2], [3, 'valid', 1]] as const)('conv1d stride %i pad %s dilation %i', (stride, pad, dilation) => {
    agree('conv1d', [randomTensor(rng, [2, 11, 3]), randomTensor(rng, [3, 3, 4])],
      (a, b) => conv1d(a, b, stride, pad, 'NWC', dilation),
      (a, b) => tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, stride, pad, 'NWC', dilation), dilation === 1);
  });

  it.each([
    { x: [2, 4, 5, 3], f: [3, 3, 2, 3], out: [2, 8, 10, 2], strides: 2, pad: 'same' },
    { x: [1, 4, 5, 3], f: [3, 3, 2, 3], out: [1, 9, 11, 2], strides: 2, pad: 'valid' },
    { x: [1, 5, 5, 2], f: [3, 3, 4, 2], out: [1, 7, 7, 4], strides: 1, pad: 'valid' },
    { x: [1, 3, 4, 2], f: [2, 2, 3, 2], out: [1, 9, 12, 3], strides: 3, pad: 'same' },
  ] as const)('conv2dTranspose x $x filter $f → $out, strides $strides, pad $pad', ({ x, f, out, strides, pad }) => {
    agree('conv2dTranspose', [randomTensor(rng, [...x]), randomTensor(rng, [...f])],
      (a, b) => conv2dTranspose(a, b, out, strides, pad),
      (a, b) => tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [...out] as [number, number, number, number], strides, pad));
  });

  it.each([
    { x: [2, 6, 7, 3], f: [3, 3, 3, 1], strides: 1, pad: 'same', dilations: 1 },
    { x: [1, 7, 7, 2], f: [3, 2, 2, 3], strides: 2, pad: 'valid', dilations: 1 },
    { x: [1, 8, 8, 2], f: [3, 3, 2, 2], strides: 1, pad: 'same', dilations: 2 },
    { x: [1, 2, 3, 2], f: [5, 5, 2, 1], strides: 1, pad: 'same', dilations: 1 },
  ] as const)('depthwiseConv2d x $x filter $f strides $strides pad $pad dilations $dilations', ({ x, f, strides, pad, dilations }) => {
    agree('depthwiseConv2d', [randomTensor(rng, [...x]), randomTensor(rng, [...f])],
      (a, b) => depthwiseConv2d(a, b, strides, pad, 'NHWC', dilations),
      (a, b) => tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad, 'NHWC', dilations), dilations === 1);
    if (dilations > 1) {
      checkGradients({ op: (a, b) => depthwiseConv2d(a, b, strides, pad, 'NHWC', dilations), reference: (a: Ref, b: Ref) => depthwiseRef(a, b, [strides, strides], pad, [dilations, dilations]), inputs: [randomTensor(rng, [...x]), randomTensor(rng, [...f])] });
    }
  });

  it('separableConv2d', () => {
    agree('separableConv2d', [randomTensor(rng, [2, 6, 5, 3]), randomTensor(rng, [3, 3, 3, 2]), randomTensor(rng, [1, 1, 6, 4])],
      (a, b, c) => separableConv2d(a, b, c, 2, 'same'),
      (a, b, c) => tf.separableConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c as tf.Tensor4D, 2, 'same'));
  });
});

describe('the gradient primitives have gradients of their own', () => {
  const rng = xorshift(13);
  const g = convGeometry('test', [2, 6, 5, 3], 3, 2, 2, 1, 'same');
  /** dW[a, b, c, o] = Σ x[n, i·s − pT + a, j·s − pL + b, c] · dy[n, i, j, o], in float64. */
  function filterGradRef(x: Ref, dy: Ref): Ref {
    const [N, H, W, C] = x.shape as [number, number, number, number];
    const [, oH, oW, O] = dy.shape as [number, number, number, number];
    const data = new Float64Array(g.kH * g.kW * C * O);
    for (let a = 0; a < g.kH; a++) for (let b = 0; b < g.kW; b++) for (let c = 0; c < C; c++) for (let o = 0; o < O; o++) {
      let acc = 0;
      for (let n = 0; n < N; n++) for (let i = 0; i < oH; i++) for (let j = 0; j < oW; j++) {
        const h = i * g.strideH - g.padTop + a;
        const v = j * g.strideW - g.padLeft + b;
        if (h >= 0 && h < H && v >= 0 && v < W) acc += (x.data[((n * H + h) * W + v) * C + c] as number) * (dy.data[((n * oH + i) * oW + j) * O + o] as number);
      }
      data[((a * g.kW + b) * C + c) * O + o] = acc;
    }
    return { shape: [g.kH, g.kW, C, O], data };
  }

  it('backpropFilter (differentiated with respect to x and dy)', () => {
    checkGradients({ op: (x, dy) => backpropFilter(x, dy, g), reference: filterGradRef, inputs: [randomTensor(rng, [2, 6, 5, 3]), randomTensor(rng, [2, g.outH, g.outW, 4])] });
  });

  it('backpropInput (differentiated with respect to dy and W)', () => {
    checkGradients({
      op: (dy, w) => backpropInput(dy, w, g),
      // conv2d's filter [kH, kW, inC, outC] is conv2dTranspose's [kH, kW, outDepth, inDepth]: the same array.
      reference: (dy: Ref, w: Ref) => conv2dTransposeRef(dy, w, 6, 5, [2, 2], 'same'),
      inputs: [randomTensor(rng, [2, g.outH, g.outW, 4]), randomTensor(rng, [3, 2, 3, 4])],
    });
  });
});


describe('conv ops: bad input', () => {
  const x = randomTensor(xorshift(1), [1, 5, 5, 2]);
  const f = randomTensor(xorshift(2), [3, 3, 2, 4]);
  it('name the op, the argument, the expected layout and what was received', () => {
    expect(() => conv2d(randomTensor(xorshift(3), [5, 5]), f, 1, 'same')).toThrow('conv2d: expected x of rank 3 or 4 [batch, height, width, channels], received shape [5,5]');
    expect(() => conv2d(x, randomTensor(xorshift(3), [3, 3, 2]), 1, 'same')).toThrow('conv2d: expected filter of rank 4 [filterHeight, filterWidth, inChannels, outChannels], received shape [3,3,2]');
    expect(() => conv2d(x, randomTensor(xorshift(3), [3, 3, 3, 4]), 1, 'same')).toThrow('conv2d: the input has 2 channels (shape [1,5,5,2], NHWC) but the filter [3,3,3,4] expects 3');
    expect(() => conv1d(randomTensor(xorshift(3), [1, 5, 5, 2]), randomTensor(xorshift(3), [3, 2, 2]), 1, 'same')).toThrow('conv1d: expected x of rank 2 or 3 [batch, width, channels], received shape [1,5,5,2]');
  });

  it('refuse bad strides, padding, data formats and strides with dilations', () => {
    expect(() => conv2d(x, f, 0, 'same')).toThrow('conv2d: strides must be a positive integer or two of them [height, width]. Received: strides=0');
    expect(() => conv2d(x, f, 1, 'full' as 'same')).toThrow(/conv2d: pad must be 'same', 'valid', a non-negative integer or \[\[0, 0\], \[top, bottom\], \[left, right\], \[0, 0\]\]\. Received: pad="full"/);
    expect(() => conv2d(x, f, 1, 'same', 'NWHC' as 'NHWC')).toThrow(/dataFormat must be 'NHWC' or 'NCHW'/);
    expect(() => conv2d(x, f, 2, 'same', 'NHWC', 2)).toThrow('conv2d: strides and dilations cannot both exceed 1 (as in TF.js and Keras). Received: strides=2, dilations=2');
    expect(() => conv2d(x, randomTensor(xorshift(3), [7, 7, 2, 1]), 1, 'valid')).toThrow(/conv2d: a window of 7 taps does not fit in the input's height of 5 with padding "valid"/);
  });

  it('conv2dTranspose names the shapes that disagree', () => {
    expect(conv2dTranspose(x, randomTensor(xorshift(3), [3, 3, 4, 2]), [1, 9, 9, 4], 2, 'same').shape).toEqual([1, 9, 9, 4]); // ⌈9/2⌉ = 5: allowed, as in TF.js
    expect(() => conv2dTranspose(x, randomTensor(xorshift(3), [3, 3, 4, 3]), [1, 10, 10, 4], 2, 'same')).toThrow(/x \[1,5,5,2\], filter \[3,3,4,3\] and outputShape \[1,10,10,4\] disagree/);
    expect(() => conv2dTranspose(x, randomTensor(xorshift(3), [3, 3, 4, 2]), [1, 12, 12, 4], 2, 'same')).toThrow(/gives height × width 6×6, but x \[1,5,5,2\] has 5×5/);
  });

  it('separableConv2d checks the pointwise filter against the depthwise one', () => {
    expect(() => separableConv2d(x, randomTensor(xorshift(3), [3, 3, 2, 2]), randomTensor(xorshift(4), [1, 1, 2, 3]), 1, 'same')).toThrow('separableConv2d: expected pointwiseFilter of shape [1, 1, 4, outChannels] for depthwiseFilter [3,3,2,2], received [1,1,2,3]');
  });
});

describe('conv Tensor methods', () => {
  it('give the bits of the ops they name', () => {
    const rng = xorshift(21);
    const x = randomTensor(rng, [2, 5, 6, 3]);
    const f = randomTensor(rng, [3, 3, 3, 2]);
    const dw = randomTensor(rng, [3, 3, 3, 2]);
    const pw = randomTensor(rng, [1, 1, 6, 4]);
    const x1 = randomTensor(rng, [2, 7, 3]);
    const f1 = randomTensor(rng, [3, 3, 2]);
    const pairs: [Tensor, Tensor][] = [
      [x.conv2d(f, 2, 'same'), conv2d(x, f, 2, 'same')],
      [x1.conv1d(f1, 1, 'valid'), conv1d(x1, f1, 1, 'valid')],
      [x.depthwiseConv2d(dw, 1, 'same'), depthwiseConv2d(x, dw, 1, 'same')],
      [x.separableConv2d(dw, pw, 1, 'valid'), separableConv2d(x, dw, pw, 1, 'valid')],
      [conv2d(x, f, 1, 'same').conv2dTranspose(f, x.shape, 1, 'same'), conv2dTranspose(conv2d(x, f, 1, 'same'), f, x.shape, 1, 'same')],
    ];
    pairs.forEach(([method, op], i) => expectSameBits(method.values, op.values, `method ${i}`));
  });
});
