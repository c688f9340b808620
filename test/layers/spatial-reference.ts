import type { Ref } from '../helpers/reference.js';
import { at, build } from '../helpers/reference.js';

/**
 * Float64 references for the pooling and spatial layers, written from the definitions (Keras /
 * TF.js docs), as functions of output coordinates.
 */

/** Output extent and padding before, for one spatial axis ('same': ceil(in / stride), TF's split). */
function axis(length: number, size: number, stride: number, padding: 'valid' | 'same'): [number, number] {
  if (padding === 'valid') return [Math.ceil((length - size + 1) / stride), 0];
  const out = Math.ceil(length / stride);
  return [out, Math.floor(Math.max(0, (out - 1) * stride + size - length) / 2)];
}

/** Max or average pooling of NHWC x over its valid window elements. */
export function pool2dRef(x: Ref, pool: readonly [number, number], strides: readonly [number, number], padding: 'valid' | 'same', mode: 'max' | 'avg'): Ref {
  const [batch, h, w, c] = x.shape as [number, number, number, number];
  const [oh, top] = axis(h, pool[0], strides[0], padding);
  const [ow, left] = axis(w, pool[1], strides[1], padding);
  return build([batch, oh, ow, c], ([b, i, j, ch]) => {
    const values: number[] = [];
    for (let di = 0; di < pool[0]; di++) {
      for (let dj = 0; dj < pool[1]; dj++) {
        const r = (i as number) * strides[0] - top + di;
        const s = (j as number) * strides[1] - left + dj;
        if (r >= 0 && r < h && s >= 0 && s < w) values.push(at(x, [b as number, r, s, ch as number]));
      }
    }
    return mode === 'max' ? Math.max(...values) : values.reduce((p, v) => p + v, 0) / values.length;
  });
}

/** NCHW ↔ NHWC for references of channelsFirst layers. */
export function toChannelsLast(x: Ref): Ref {
  const [b, c, h, w] = x.shape as [number, number, number, number];
  return build([b, h, w, c], ([n, i, j, ch]) => at(x, [n as number, ch as number, i as number, j as number]));
}

/** NHWC → NCHW. */
export function toChannelsFirst(x: Ref): Ref {
  const [b, h, w, c] = x.shape as [number, number, number, number];
  return build([b, c, h, w], ([n, ch, i, j]) => at(x, [n as number, i as number, j as number, ch as number]));
}
