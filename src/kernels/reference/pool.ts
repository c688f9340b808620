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

/**
 * The input rows (or columns) each output row (or column) reads: for output index o, the half-open
 * range [spans[2o], spans[2o + 1]) of the window starting at o·stride − pad in padded
 * coordinates, clipped to the input (padded positions are never read). Computed once per call,
 * since a window's rows depend only on its output row and its columns only on its output column.
 */
function spans(outN: number, stride: number, pad: number, size: number, extent: number): Int32Array {
  const s = new Int32Array(2 * outN);
  for (let o = 0; o < outN; o++) {
    const start = o * stride - pad;
    s[2 * o] = start < 0 ? 0 : start;
    s[2 * o + 1] = start + size < extent ? start + size : extent;
  }
  return s;
}

/** The row and column spans of every window of `g` (see `spans`). */
const windowsOf = (g: PoolGeometry): { rows: Int32Array; cols: Int32Array } => ({
  rows: spans(g.outH, g.strideH, g.padTop, g.filterH, g.inH),
  cols: spans(g.outW, g.strideW, g.padLeft, g.filterW, g.inW),
});

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
  const { rows, cols } = windowsOf(g);
  for (let b = 0; b < g.batch; b++) {
    for (let oh = 0; oh < g.outH; oh++) {
      const h0 = rows[2 * oh] as number;
      const h1 = rows[2 * oh + 1] as number;
      for (let ow = 0; ow < g.outW; ow++) {
        const o = ((b * g.outH + oh) * g.outW + ow) * c;
        out.fill(-Infinity, o, o + c);
        positions.fill(-1, o, o + c);
        const w0 = cols[2 * ow] as number;
        const w1 = cols[2 * ow + 1] as number;
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
  const { rows, cols } = windowsOf(g);
  for (let b = 0; b < g.batch; b++) {
    for (let oh = 0; oh < g.outH; oh++) {
      const h0 = rows[2 * oh] as number;
      const h1 = rows[2 * oh + 1] as number;
      for (let ow = 0; ow < g.outW; ow++) {
        const o = ((b * g.outH + oh) * g.outW + ow) * c;
        out.fill(0, o, o + c);
        const w0 = cols[2 * ow] as number;
        const w1 = cols[2 * ow + 1] as number;
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
  const { rows, cols } = windowsOf(g);
  const share = new Float32Array(c);
  dx.fill(0);
  for (let b = 0; b < g.batch; b++) {
    for (let oh = 0; oh < g.outH; oh++) {
      const h0 = rows[2 * oh] as number;
      const h1 = rows[2 * oh + 1] as number;
      for (let ow = 0; ow < g.outW; ow++) {
        const o = ((b * g.outH + oh) * g.outW + ow) * c;
        const w0 = cols[2 * ow] as number;
        const w1 = cols[2 * ow + 1] as number;
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
