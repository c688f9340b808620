import type { Ref } from './reference.js';

/**
 * Float64 convolutions for tests, written from the definition (TF's 'same' split: the smaller
 * half of the padding before), independent of the im2col path under test.
 */

/** Output extent and padding before, for one spatial axis. */
export function axisRef(size: number, k: number, stride: number, dilation: number, pad: 'same' | 'valid'): [number, number] {
  const span = (k - 1) * dilation + 1;
  if (pad === 'valid') return [Math.floor((size - span) / stride) + 1, 0];
  const out = Math.ceil(size / stride);
  return [out, Math.floor(Math.max((out - 1) * stride + span - size, 0) / 2)];
}

/** x [N, H, W, C] at (n, h, w, c), 0 outside. */
function pixel(x: Ref, n: number, h: number, w: number, c: number): number {
  const [, H, W, C] = x.shape as [number, number, number, number];
  if (h < 0 || h >= H || w < 0 || w >= W) return 0;
  return x.data[((n * H + h) * W + w) * C + c] as number;
}

/** conv2d: x [N, H, W, C], f [kH, kW, C, O]. */
export function conv2dRef(x: Ref, f: Ref, strides: [number, number], pad: 'same' | 'valid', dilations: [number, number] = [1, 1]): Ref {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [kH, kW, , O] = f.shape as [number, number, number, number];
  const [oH, pT] = axisRef(H, kH, strides[0], dilations[0], pad);
  const [oW, pL] = axisRef(W, kW, strides[1], dilations[1], pad);
  const data = new Float64Array(N * oH * oW * O);
  for (let n = 0; n < N; n++) for (let i = 0; i < oH; i++) for (let j = 0; j < oW; j++) for (let o = 0; o < O; o++) {
    let acc = 0;
    for (let a = 0; a < kH; a++) for (let b = 0; b < kW; b++) for (let c = 0; c < C; c++) {
      acc += pixel(x, n, i * strides[0] - pT + a * dilations[0], j * strides[1] - pL + b * dilations[1], c) * (f.data[((a * kW + b) * C + c) * O + o] as number);
    }
    data[((n * oH + i) * oW + j) * O + o] = acc;
  }
  return { shape: [N, oH, oW, O], data };
}

/** depthwiseConv2d: x [N, H, W, C], f [kH, kW, C, M] → channel c·M + m. */
export function depthwiseRef(x: Ref, f: Ref, strides: [number, number], pad: 'same' | 'valid', dilations: [number, number] = [1, 1]): Ref {
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [kH, kW, , M] = f.shape as [number, number, number, number];
  const [oH, pT] = axisRef(H, kH, strides[0], dilations[0], pad);
  const [oW, pL] = axisRef(W, kW, strides[1], dilations[1], pad);
  const data = new Float64Array(N * oH * oW * C * M);
  for (let n = 0; n < N; n++) for (let i = 0; i < oH; i++) for (let j = 0; j < oW; j++) for (let c = 0; c < C; c++) for (let m = 0; m < M; m++) {
    let acc = 0;
    for (let a = 0; a < kH; a++) for (let b = 0; b < kW; b++) {
      acc += pixel(x, n, i * strides[0] - pT + a * dilations[0], j * strides[1] - pL + b * dilations[1], c) * (f.data[((a * kW + b) * C + c) * M + m] as number);
    }
    data[((n * oH + i) * oW + j) * C * M + c * M + m] = acc;
  }
  return { shape: [N, oH, oW, C * M], data };
}

/** conv2dTranspose: x [N, h, w, I], f [kH, kW, O, I], output [N, outH, outW, O] (scatter form). */
export function conv2dTransposeRef(x: Ref, f: Ref, outH: number, outW: number, strides: [number, number], pad: 'same' | 'valid'): Ref {
  const [N, h, w, I] = x.shape as [number, number, number, number];
  const [kH, kW, O] = f.shape as [number, number, number, number];
  const [, pT] = axisRef(outH, kH, strides[0], 1, pad);
  const [, pL] = axisRef(outW, kW, strides[1], 1, pad);
  const data = new Float64Array(N * outH * outW * O);
  for (let n = 0; n < N; n++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) for (let a = 0; a < kH; a++) for (let b = 0; b < kW; b++) {
    const p = i * strides[0] - pT + a;
    const q = j * strides[1] - pL + b;
    if (p < 0 || p >= outH || q < 0 || q >= outW) continue;
    for (let o = 0; o < O; o++) for (let c = 0; c < I; c++) {
      data[((n * outH + p) * outW + q) * O + o] = (data[((n * outH + p) * outW + q) * O + o] as number) + (x.data[((n * h + i) * w + j) * I + c] as number) * (f.data[((a * kW + b) * O + o) * I + c] as number);
    }
  }
  return { shape: [N, outH, outW, O], data };
}

/** Adds a per-channel bias (last axis) when given. */
export function biasRef(y: Ref, bias: Ref | undefined): Ref {
  if (!bias) return y;
  const C = bias.data.length;
  return { shape: y.shape, data: y.data.map((v, i) => v + (bias.data[i % C] as number)) };
}
