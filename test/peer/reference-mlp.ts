import type { Arch, PeerData, Schedule, WeightArray } from './data.js';
import { SCHEDULE } from './data.js';
import type { ReferenceLoss } from './reference-losses.js';
import type { ReferenceOptimizer } from './reference-optimizers.js';

/**
 * The network of the peer tests trained in float64 with hand-written backpropagation: an
 * independent statement of the formulas, against which both float32 libraries are measured.
 * Same schedule as the libraries: batches in row order, the epoch loss the mean of the
 * per-sample losses seen during the epoch (each before its batch's update).
 */

type Activation = Arch['hidden'] | Arch['output'];

function activate(kind: Activation, z: number[]): number[] {
  switch (kind) {
    case 'linear': return z;
    case 'relu': return z.map((v) => Math.max(0, v));
    case 'tanh': return z.map(Math.tanh);
    case 'sigmoid': return z.map((v) => 1 / (1 + Math.exp(-v)));
    case 'softplus': return z.map((v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
    case 'softmax': {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const s = e.reduce((p, v) => p + v, 0);
      return e.map((v) => v / s);
    }
  }
}

/** dL/dz from dL/da for a = act(z), written with z and a. */
function backActivation(kind: Activation, z: number[], a: number[], da: number[]): number[] {
  switch (kind) {
    case 'linear': return da;
    case 'relu': return da.map((d, i) => (z[i] as number) > 0 ? d : 0);
    case 'tanh': return da.map((d, i) => d * (1 - (a[i] as number) ** 2));
    case 'sigmoid': return da.map((d, i) => d * (a[i] as number) * (1 - (a[i] as number)));
    case 'softplus': return da.map((d, i) => d / (1 + Math.exp(-(z[i] as number))));
    case 'softmax': {
      const dot = da.reduce((s, d, i) => s + d * (a[i] as number), 0);
      return da.map((d, i) => (a[i] as number) * (d - dot));
    }
  }
}

/** y = x·W + b for W stored [in, out] row-major. */
function dense(x: readonly number[], w: Float64Array, b: Float64Array): number[] {
  const out = b.length;
  return Array.from({ length: out }, (_, j) => x.reduce((s, xi, i) => s + xi * (w[i * out + j] as number), b[j] as number));
}

/**
 * Per-epoch mean loss of float64 training from `initial` weights (kernel1, bias1, kernel2,
 * bias2); `y` may differ from `data.y` (e.g. one-hot labels for the sparse loss).
 */
export function trainReference(arch: Arch, data: PeerData, initial: readonly WeightArray[], loss: ReferenceLoss, optimizer: ReferenceOptimizer, y: readonly (readonly number[])[] = data.y, schedule: Schedule = SCHEDULE): number[] {
  const params = initial.map((w) => Float64Array.from(w.values));
  const [w1, b1, w2, b2] = params as [Float64Array, Float64Array, Float64Array, Float64Array];
  const rows = data.x.length;
  const losses: number[] = [];
  for (let epoch = 0; epoch < schedule.epochs; epoch++) {
    let total = 0;
    for (let start = 0; start < rows; start += schedule.batchSize) {
      const end = Math.min(start + schedule.batchSize, rows);
      const grads = params.map((p) => new Float64Array(p.length));
      const [gw1, gb1, gw2, gb2] = grads as [Float64Array, Float64Array, Float64Array, Float64Array];
      for (let r = start; r < end; r++) {
        const x = data.x[r] as number[];
        const target = y[r] as number[];
        const z1 = dense(x, w1, b1);
        const h = activate(arch.hidden, z1);
        const z2 = dense(h, w2, b2);
        const out = activate(arch.output, z2);
        total += loss.value(target, out);
        // The batch loss is the mean over the batch: each sample's gradient is scaled by 1/size.
        const dz2 = backActivation(arch.output, z2, out, loss.grad(target, out).map((d) => d / (end - start)));
        const dh = h.map((_, i) => dz2.reduce((s, d, j) => s + d * (w2[i * dz2.length + j] as number), 0));
        const dz1 = backActivation(arch.hidden, z1, h, dh);
        h.forEach((hi, i) => dz2.forEach((d, j) => { gw2[i * dz2.length + j] += hi * d; }));
        dz2.forEach((d, j) => { gb2[j] += d; });
        x.forEach((xi, i) => dz1.forEach((d, j) => { gw1[i * dz1.length + j] += xi * d; }));
        dz1.forEach((d, j) => { gb1[j] += d; });
      }
      optimizer.step(params, grads);
    }
    losses.push(total / rows);
  }
  return losses;
}
