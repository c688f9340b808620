/**
 * Float64 reference losses for one sample: the value and its gradient with respect to the
 * model's output vector p, written from the Keras 3 formulas (`keras/src/losses/losses.py`,
 * REFERENCE.md §3), plus the TF.js variants where TF.js computes something else. Clip bounds
 * are the float32 values the libraries use. Slow and plain on purpose.
 */
export interface ReferenceLoss {
  value(y: readonly number[], p: readonly number[]): number;
  grad(y: readonly number[], p: readonly number[]): number[];
}

const EPS = Math.fround(1e-7);
const ONE_MINUS_EPS = Math.fround(1 - 1e-7);
const clip = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const inside = (v: number, lo: number, hi: number): number => (v > lo && v < hi ? 1 : 0);
const softplus = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const sum = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0);

/** A loss of the form mean over the last axis of an elementwise term h(y, p) with derivative dh/dp. */
function elementwise(h: (y: number, p: number) => number, dh: (y: number, p: number) => number): ReferenceLoss {
  return {
    value: (y, p) => sum(p.map((pi, i) => h(y[i] as number, pi))) / p.length,
    grad: (y, p) => p.map((pi, i) => dh(y[i] as number, pi) / p.length),
  };
}

const norm = (v: readonly number[]): number => Math.sqrt(sum(v.map((x) => x * x)));

/** max over i of (1 − y_i)·p_i and where it is (first index on ties), for categorical hinge. */
function negativeScore(y: readonly number[], p: readonly number[]): { value: number; at: number } {
  let at = 0;
  p.forEach((pi, i) => { if ((1 - (y[i] as number)) * pi > (1 - (y[at] as number)) * (p[at] as number)) at = i; });
  return { value: (1 - (y[at] as number)) * (p[at] as number), at };
}

function logSoftmax(z: readonly number[]): number[] {
  const m = Math.max(...z);
  const lse = m + Math.log(sum(z.map((v) => Math.exp(v - m))));
  return z.map((v) => v - lse);
}

/** −Σ y·log(clip(p/Σp)) and its gradient through the normalisation (Keras and TF.js, probabilities). */
const categorical: ReferenceLoss = {
  value: (y, p) => {
    const s = sum(p);
    return -sum(p.map((pi, i) => (y[i] as number) * Math.log(clip(pi / s, EPS, ONE_MINUS_EPS))));
  },
  grad: (y, p) => {
    const s = sum(p);
    // dL/dq_j = −y_j/q_j inside the clip range; dq_j/dp_i = (δ_ij − q_j)/s.
    const dq = p.map((pi, j) => -(y[j] as number) / (pi / s) * inside(pi / s, EPS, ONE_MINUS_EPS));
    const dot = sum(dq.map((d, j) => d * (p[j] as number) / s));
    return dq.map((d) => (d - dot) / s);
  },
};

/** The Keras 3 losses by SameBits id (labels of the sparse loss arrive one-hot). */
export const kerasLosses: Record<string, ReferenceLoss> = {
  meanSquaredError: elementwise((y, p) => (p - y) ** 2, (y, p) => 2 * (p - y)),
  meanAbsoluteError: elementwise((y, p) => Math.abs(p - y), (y, p) => Math.sign(p - y)),
  meanAbsolutePercentageError: elementwise(
    (y, p) => 100 * Math.abs((y - p) / Math.max(Math.abs(y), 1e-7)),
    (y, p) => 100 * Math.sign(p - y) / Math.max(Math.abs(y), 1e-7)),
  meanSquaredLogarithmicError: elementwise(
    (y, p) => (Math.log1p(Math.max(p, 1e-7)) - Math.log1p(Math.max(y, 1e-7))) ** 2,
    (y, p) => (p > 1e-7 ? 2 * (Math.log1p(p) - Math.log1p(Math.max(y, 1e-7))) / (1 + p) : 0)),
  binaryCrossentropy: elementwise(
    (y, p) => { const q = clip(p, EPS, ONE_MINUS_EPS); return -(y * Math.log(q) + (1 - y) * Math.log(1 - q)); },
    (y, p) => (-y / p + (1 - y) / (1 - p)) * inside(p, EPS, ONE_MINUS_EPS)),
  binaryCrossentropyFromLogits: elementwise((y, z) => y * softplus(-z) + (1 - y) * softplus(z), (y, z) => sigmoid(z) - y),
  categoricalCrossentropy: categorical,
  sparseCategoricalCrossentropy: categorical,
  categoricalCrossentropyFromLogits: {
    value: (y, z) => -sum(logSoftmax(z).map((l, i) => (y[i] as number) * l)),
    grad: (y, z) => logSoftmax(z).map((l, i) => Math.exp(l) * sum(y) - (y[i] as number)),
  },
  huber: elementwise(
    (y, p) => (Math.abs(p - y) <= 1 ? 0.5 * (p - y) ** 2 : Math.abs(p - y) - 0.5),
    (y, p) => (Math.abs(p - y) <= 1 ? p - y : Math.sign(p - y))),
  logCosh: elementwise((y, p) => Math.log(Math.cosh(p - y)), (y, p) => Math.tanh(p - y)),
  hinge: elementwise((y, p) => Math.max(0, 1 - y * p), (y, p) => (1 - y * p > 0 ? -y : 0)),
  squaredHinge: elementwise((y, p) => Math.max(0, 1 - y * p) ** 2, (y, p) => -2 * y * Math.max(0, 1 - y * p)),
  categoricalHinge: {
    value: (y, p) => Math.max(0, negativeScore(y, p).value - sum(p.map((pi, i) => pi * (y[i] as number))) + 1),
    grad: (y, p) => {
      const { value, at } = negativeScore(y, p);
      const active = value - sum(p.map((pi, i) => pi * (y[i] as number))) + 1 > 0;
      return p.map((_, i) => (active ? -(y[i] as number) + (i === at ? 1 - (y[i] as number) : 0) : 0));
    },
  },
  poisson: elementwise((y, p) => p - y * Math.log(p + 1e-7), (y, p) => 1 - y / (p + 1e-7)),
  // Keras normalises by max(‖x‖, ε); the norms here are far above ε.
  cosineProximity: {
    value: (y, p) => -sum(y.map((yi, i) => (yi / norm(y)) * ((p[i] as number) / norm(p)))),
    grad: (y, p) => {
      const cosine = sum(y.map((yi, i) => (yi / norm(y)) * ((p[i] as number) / norm(p))));
      return p.map((pi, i) => -((y[i] as number) / norm(y) - cosine * pi / norm(p)) / norm(p));
    },
  },
  kullbackLeiblerDivergence: {
    value: (y, p) => sum(y.map((yi, i) => { const a = clip(yi, EPS, 1); return a * Math.log(a / clip(p[i] as number, EPS, 1)); })),
    grad: (y, p) => p.map((pi, i) => (pi > EPS ? -clip(y[i] as number, EPS, 1) / pi : 0)),
  },
};

/**
 * Keras maps hinge labels that are all 0 or 1 (per batch) to 2y − 1; the reference applies
 * that to the whole label set before training, which is the same when every batch is binary.
 */
export function hingeLabels(y: readonly (readonly number[])[]): number[][] {
  const binary = y.every((r) => r.every((v) => v === 0 || v === 1));
  return y.map((r) => r.map((v) => (binary ? 2 * v - 1 : v)));
}

/** The TF.js 4.22 losses whose formula differs from Keras's (`@tensorflow/tfjs-layers/dist/losses.js`). */
export const tfjsLosses: Record<string, ReferenceLoss> = {
  // Σ y·log(clip(y)/clip(p)): the outer y is not clipped, so a zero label adds exactly 0.
  kullbackLeiblerDivergence: {
    value: (y, p) => sum(y.map((yi, i) => (yi === 0 ? 0 : yi * Math.log(clip(yi, EPS, 1) / clip(p[i] as number, EPS, 1))))),
    grad: (y, p) => p.map((pi, i) => (pi > EPS ? -(y[i] as number) / pi : 0)),
  },
};

/** One-hot rows for class-index rows [[k], …] over `classes` classes. */
export function oneHotLabels(y: readonly (readonly number[])[], classes: number): number[][] {
  return y.map(([k]) => Array.from({ length: classes }, (_, i) => (i === k ? 1 : 0)));
}
