/**
 * Where a 2-D pooling window lies: an NHWC input [batch, inH, inW, channels], a window of
 * filterH × filterW moved by strideH, strideW, the input's padding before the first row and
 * column, and the output extents. Padded positions are never read: a window covers only the
 * input elements inside it.
 */
export interface PoolGeometry {
  batch: number;
  inH: number;
  inW: number;
  channels: number;
  filterH: number;
  filterW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  outH: number;
  outW: number;
}

/** First input row (or column) of a window that starts at `start` in padded coordinates. */
const first = (start: number): number => (start < 0 ? 0 : start);
/** One past the last input row (or column) of a window of `size` starting at `start`. */
const last = (start: number, size: number, extent: number): number => (start + size < extent ? start + size : extent);

/**
 * Max pooling, and where each maximum was found.
 *
 * Reference order (TF.js cpu's rule, DESIGN.md law 2): for each output element the window is
 * scanned in increasing (row, column) order from `best = −∞`, and an element replaces the best
 * only when `x > best`. So the first maximum wins a tie (+0 and −0 included: the first of them),
 * NaN never wins (it is skipped, as in TF.js cpu; a window of NaN and −∞ only gives −∞), and
 * `positions` holds the flat index into `x` of the chosen element, −1 when none was chosen.
 */
export function maxPool(x: Float32Array, g: PoolGeometry, out: Float32Array, positions: Int32Array): void {
  const { channels: c } = g;
  for (let b = 0; b < g.batch; b++) {
    for (let oh = 0; oh < g.outH; oh++) {
      for (let ow = 0; ow < g.outW; ow++) {
        const o = ((b * g.outH + oh) * g.outW + ow) * c;
        out.fill(-Infinity, o, o + c);
        positions.fill(-1, o, o + c);
        const top = oh * g.strideH - g.padTop;
        const left = ow * g.strideW - g.padLeft;
        const h0 = first(top);
        const h1 = last(top, g.filterH, g.inH);
        const w0 = first(left);
        const w1 = last(left, g.filterW, g.inW);
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const i = ((b * g.inH + h) * g.inW + w) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[i + ch] as number;
              if (v > (out[o + ch] as number)) {
                out[o + ch] = v;
                positions[o + ch] = i + ch;
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Gradient of max pooling: each output's gradient goes to the element its window chose.
 *
 * Reference order: dx starts at +0 everywhere; outputs are visited in increasing flat order
 * (batch, row, column, channel) and `dx[p] = fl32(dx[p] + dy[o])` for p = positions[o] ≥ 0. So
 * an input element chosen by several overlapping windows sums their gradients in increasing
 * (row, column) order of the output, starting from +0.
 */
export function maxPoolBackward(dy: Float32Array, positions: Int32Array, dx: Float32Array): void {
  dx.fill(0);
  for (let o = 0; o < dy.length; o++) {
    const p = positions[o] as number;
    if (p >= 0) dx[p] = (dx[p] as number) + (dy[o] as number);
  }
}

/**
 * Average pooling over the valid (non-padded) elements of each window.
 *
 * Reference order: `acc = +0; for each element of the window in increasing (row, column) order:
 * acc = fl32(acc + x)`, then one division `fl32(acc / count)` by the number of valid elements
 * (TF.js and TF divide by that count for 'same' padding, not by the window size).
 */
export function avgPool(x: Float32Array, g: PoolGeometry, out: Float32Array): void {
  const { channels: c } = g;
  for (let b = 0; b < g.batch; b++) {
    for (let oh = 0; oh < g.outH; oh++) {
      for (let ow = 0; ow < g.outW; ow++) {
        const o = ((b * g.outH + oh) * g.outW + ow) * c;
        out.fill(0, o, o + c);
        const top = oh * g.strideH - g.padTop;
        const left = ow * g.strideW - g.padLeft;
        const h0 = first(top);
        const h1 = last(top, g.filterH, g.inH);
        const w0 = first(left);
        const w1 = last(left, g.filterW, g.inW);
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const i = ((b * g.inH + h) * g.inW + w) * c;
            // NOTE: a float32 store rounds the float64 sum of two float32 values exactly as a
            // float32 addition would (53 ≥ 2·24 + 2), so this is fl32(acc + x).
            for (let ch = 0; ch < c; ch++) out[o + ch] = (out[o + ch] as number) + (x[i + ch] as number);
          }
        }
        const count = (h1 - h0) * (w1 - w0);
        for (let ch = 0; ch < c; ch++) out[o + ch] = (out[o + ch] as number) / count;
      }
    }
  }
}

/**
 * Gradient of average pooling: each output's gradient, divided once by its window's count of
 * valid elements, is added to every valid element of its window.
 *
 * Reference order: dx starts at +0; outputs are visited in increasing (batch, row, column) order,
 * `share = fl32(dy / count)`, and `dx[i] = fl32(dx[i] + share)` for each element of the window.
 * So every input element sums the shares of the windows that cover it in increasing (row,
 * column) order of the output, starting from +0.
 */
export function avgPoolBackward(dy: Float32Array, g: PoolGeometry, dx: Float32Array): void {
  const { channels: c } = g;
  const share = new Float32Array(c);
  dx.fill(0);
  for (let b = 0; b < g.batch; b++) {
    for (let oh = 0; oh < g.outH; oh++) {
      for (let ow = 0; ow < g.outW; ow++) {
        const o = ((b * g.outH + oh) * g.outW + ow) * c;
        const top = oh * g.strideH - g.padTop;
        const left = ow * g.strideW - g.padLeft;
        const h0 = first(top);
        const h1 = last(top, g.filterH, g.inH);
        const w0 = first(left);
        const w1 = last(left, g.filterW, g.inW);
        const count = (h1 - h0) * (w1 - w0);
        for (let ch = 0; ch < c; ch++) share[ch] = (dy[o + ch] as number) / count;
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const i = ((b * g.inH + h) * g.inW + w) * c;
            for (let ch = 0; ch < c; ch++) dx[i + ch] = (dx[i + ch] as number) + (share[ch] as number);
          }
        }
      }
    }
  }
}
