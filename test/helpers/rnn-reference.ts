import type { Ref } from './reference.js';

/**
 * Float64 re-implementations of SimpleRNN, LSTM and GRU written from the Keras 3 formulas
 * (keras/src/layers/rnn/{simple_rnn,lstm,gru}.py, implementation 2), plain loops, for the
 * gradient checks. Weights in Keras layout: kernel [F, G·U], recurrent kernel [U, G·U], bias.
 */

export type Act = (v: number) => number;
export const sigmoid64: Act = (v) => 1 / (1 + Math.exp(-v));
export const tanh64: Act = Math.tanh;

export interface RNNRefOptions {
  kind: 'simpleRNN' | 'lstm' | 'gru';
  units: number;
  activation?: Act;
  recurrentActivation?: Act;
  resetAfter?: boolean;
  returnSequences?: boolean;
  goBackwards?: boolean;
  /** [batch, time] 1 = keep, 0 = masked. */
  mask?: readonly number[];
}

/** Row b of x·W for a row vector (length F) and W [F, C]. */
function rowTimes(v: ArrayLike<number>, w: Ref, cols: number): Float64Array {
  const out = new Float64Array(cols);
  for (let k = 0; k < v.length; k++) {
    const a = v[k] as number;
    for (let j = 0; j < cols; j++) out[j] = (out[j] as number) + a * (w.data[k * cols + j] as number);
  }
  return out;
}

/** The layer's output (last step or all steps) for x [B, T, F] in float64. */
export function rnnRef(o: RNNRefOptions, x: Ref, weights: readonly Ref[]): Ref {
  const [kernel, recurrent, bias] = weights as [Ref, Ref, Ref?];
  const [B, T, F] = x.shape as [number, number, number];
  const U = o.units;
  const G = o.kind === 'lstm' ? 4 : o.kind === 'gru' ? 3 : 1;
  const act = o.activation ?? tanh64;
  const rec = o.recurrentActivation ?? sigmoid64;
  const seq = new Float64Array(B * T * U);
  const last = new Float64Array(B * U);
  for (let b = 0; b < B; b++) {
    let h: Float64Array = new Float64Array(U);
    let c: Float64Array = new Float64Array(U);
    let prevOut: Float64Array = new Float64Array(U);
    for (let i = 0; i < T; i++) {
      const t = o.goBackwards ? T - 1 - i : i;
      const xt = x.data.subarray((b * T + t) * F, (b * T + t + 1) * F);
      const zx = rowTimes(xt, kernel, G * U);
      const inBias = bias ? (o.kind === 'gru' && o.resetAfter ? bias.data.subarray(0, 3 * U) : bias.data) : undefined;
      if (inBias) for (let j = 0; j < G * U; j++) zx[j] = (zx[j] as number) + (inBias[j] as number);
      let nh: Float64Array = new Float64Array(U);
      let nc: Float64Array = c;
      if (o.kind === 'simpleRNN') {
        const zh = rowTimes(h, recurrent, U);
        for (let j = 0; j < U; j++) nh[j] = act((zx[j] as number) + (zh[j] as number));
      } else if (o.kind === 'lstm') {
        const zh = rowTimes(h, recurrent, 4 * U);
        nc = new Float64Array(U);
        for (let j = 0; j < U; j++) {
          const g = (q: number): number => (zx[q * U + j] as number) + (zh[q * U + j] as number);
          nc[j] = rec(g(1)) * (c[j] as number) + rec(g(0)) * act(g(2));
          nh[j] = rec(g(3)) * act(nc[j] as number);
        }
      } else {
        const zh = rowTimes(h, recurrent, 3 * U);
        const r = new Float64Array(U);
        const z = new Float64Array(U);
        if (o.resetAfter && bias) for (let j = 0; j < 3 * U; j++) zh[j] = (zh[j] as number) + (bias.data[3 * U + j] as number);
        for (let j = 0; j < U; j++) {
          z[j] = rec((zx[j] as number) + (zh[j] as number));
          r[j] = rec((zx[U + j] as number) + (zh[U + j] as number));
        }
        let rh: Float64Array;
        if (o.resetAfter) {
          rh = new Float64Array(U);
          for (let j = 0; j < U; j++) rh[j] = (r[j] as number) * (zh[2 * U + j] as number);
        } else {
          const rhPrev = h.map((v, j) => v * (r[j] as number));
          rh = new Float64Array(U);
          for (let k = 0; k < U; k++) for (let j = 0; j < U; j++) rh[j] = (rh[j] as number) + (rhPrev[k] as number) * (recurrent.data[k * 3 * U + 2 * U + j] as number);
        }
        for (let j = 0; j < U; j++) {
          const hh = act((zx[2 * U + j] as number) + (rh[j] as number));
          nh[j] = (z[j] as number) * (h[j] as number) + (1 - (z[j] as number)) * hh;
        }
      }
      let out: Float64Array = nh;
      if (o.mask && o.mask[b * T + t] === 0) {
        out = prevOut;
        nh = h;
        nc = c;
      }
      h = nh;
      c = nc;
      prevOut = out;
      seq.set(out, (b * T + i) * U);
    }
    last.set(prevOut, b * U);
  }
  return o.returnSequences ? { shape: [B, T, U], data: seq } : { shape: [B, U], data: last };
}
