import { xorshift } from '../helpers/rng.js';

/**
 * Deterministic training sets for the peer comparison (xorshift32, never Math.random): 64 rows
 * of 5 features in [−1, 1), each value a float32, and targets shaped for one family of losses.
 * Every generator is a pure function of its arguments, so a failure replays exactly.
 */
export interface PeerData {
  /** Features, [rows][features], float32 values. */
  x: number[][];
  /** Targets, [rows][outputs] (class indices as [rows][1] for the sparse loss). */
  y: number[][];
}

/** The network: Dense(8, hidden) → Dense(units, output). */
export interface Arch {
  hidden: 'tanh' | 'relu';
  output: 'linear' | 'sigmoid' | 'softmax' | 'softplus' | 'tanh';
  units: number;
}

/** A weight's shape and float32 values, in `getWeights` order (kernel, bias, kernel, bias). */
export interface WeightArray {
  shape: number[];
  values: Float32Array;
}

/** Epochs and batch size, shared by both libraries (and the float64 reference). */
export interface Schedule {
  epochs: number;
  batchSize: number;
}

/** The standard schedule: 5 epochs of 4 batches of 16 rows. */
export const SCHEDULE: Schedule = { epochs: 5, batchSize: 16 };

/** The kinds of target the losses need. */
export type TargetKind =
  | 'regression' | 'wideRegression' | 'positive' | 'binary' | 'signs' | 'oneHot' | 'classIndex' | 'distribution';

const ROWS = 64;
const FEATURES = 5;
const CLASSES = 3;

/** Number of output units of the model for a target kind. */
export function outputUnits(kind: TargetKind): number {
  if (kind === 'oneHot' || kind === 'classIndex' || kind === 'distribution') return CLASSES;
  return 2;
}

/** Features of the standard set. */
export function features(seed = 7): number[][] {
  const rng = xorshift(seed);
  return Array.from({ length: ROWS }, () => Array.from({ length: FEATURES }, () => Math.fround(rng.uniform(-1, 1))));
}

/** Two smooth functions of a row, in roughly [−1.5, 1.5]; the targets are built from them. */
function signals(r: readonly number[]): [number, number] {
  const [a = 0, b = 0, c = 0, d = 0, e = 0] = r;
  return [0.8 * a - 0.6 * b + 0.5 * c * d, Math.sin(2 * e) + 0.3 * a * b - 0.4 * d];
}

function softmax(z: readonly number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((p, v) => p + v, 0);
  return e.map((v) => v / s);
}

/** Class scores of a row: three smooth functions, so the classes are learnable. */
function scores(r: readonly number[]): number[] {
  const [s0, s1] = signals(r);
  return [2 * s0, 2 * s1, -s0 - s1];
}

function argmax(v: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if ((v[i] as number) > (v[best] as number)) best = i;
  return best;
}

/**
 * Targets of one kind for feature rows: `regression` (two real values), `wideRegression`
 * (×3, so some errors exceed huber's δ = 1), `positive` (in [0.5, 3], for MAPE and MSLE),
 * `binary` ({0, 1}), `signs` (±1), `oneHot`, `classIndex` ([i]) and `distribution` (a softmax
 * of the class scores, every entry well above the clip bound ε).
 */
export function targets(x: readonly (readonly number[])[], kind: TargetKind): number[][] {
  return x.map((r) => {
    const [s0, s1] = signals(r);
    const sc = scores(r);
    const f = (v: number): number => Math.fround(v);
    switch (kind) {
      case 'regression': return [f(s0), f(s1)];
      case 'wideRegression': return [f(3 * s0), f(3 * s1)];
      case 'positive': return [f(1.75 + s0 / 1.2), f(1.75 + s1 / 1.2)].map((v) => f(Math.min(3, Math.max(0.5, v))));
      case 'binary': return [s0 > 0 ? 1 : 0, s1 > 0 ? 1 : 0];
      case 'signs': return [s0 > 0 ? 1 : -1, s1 > 0 ? 1 : -1];
      case 'oneHot': { const k = argmax(sc); return sc.map((_, i) => (i === k ? 1 : 0)); }
      case 'classIndex': return [argmax(sc)];
      case 'distribution': return softmax(sc.map((v) => v / 2)).map(f);
    }
  });
}

/** The standard set for a target kind. */
export function peerData(kind: TargetKind): PeerData {
  const x = features();
  return { x, y: targets(x, kind) };
}
