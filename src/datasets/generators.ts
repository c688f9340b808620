import { cos64, sin64 } from '../math/index.js';
import { Tensor } from '../ops/tensor.js';
import type { RandomKey } from '../random/index.js';
import { foldInPath, key, nextGlobalKey, normalFloat32 } from '../random/index.js';
import { received } from '../util/received.js';
import { checkOptions } from '../util/options.js';

// Synthetic data sets for examples and tests. Each is a pure function of its options and seed
// (default: the global seed, through the count of unseeded calls of that purpose): noise is
// drawn from src/random by position, sines and cosines are SameBits's own (src/math).

function checkInt(fn: string, name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new Error(`datasets.${fn}: ${name} must be an integer ≥ ${min}. Received: ${name}=${received(v)}`);
  return v;
}

function checkNumber(fn: string, name: string, v: unknown, min = -Infinity): number {
  // NOTE: a minimum of Number.MIN_VALUE means "> 0", and is said so (not "≥ 5e-324").
  const bound = min === Number.MIN_VALUE ? ' > 0' : min > -Infinity ? ` ≥ ${min}` : '';
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw new Error(`datasets.${fn}: ${name} must be a finite number${bound}. Received: ${name}=${received(v)}`);
  return v;
}

function keyFor(fn: string, seed: number | undefined): RandomKey {
  if (seed === undefined) return nextGlobalKey(`datasets/${fn}`);
  if (!Number.isSafeInteger(seed)) throw new Error(`datasets.${fn}: seed must be an integer. Received: seed=${received(seed)}`);
  return foldInPath(key(seed), `datasets/${fn}`);
}

/** Options of `datasets.xor`. */
export interface XorOptions {
  /** Number of points (default 4: the truth table); point i is corner i mod 4. */
  n?: number;
  /** Standard deviation of Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  seed?: number;
}

/**
 * XOR: `xs` [n, 2] at the corners (0,0), (0,1), (1,0), (1,1) in turn, plus optional noise;
 * `ys` [n, 1] the XOR of the corner (0 or 1).
 * @example const { xs, ys } = datasets.xor(); // the truth table
 */
export function xor(options: XorOptions = {}): { xs: Tensor; ys: Tensor } {
  checkOptions('datasets.xor', options, ['n', 'noise', 'seed']);
  const n = checkInt('xor', 'n', options.n ?? 4, 1);
  const noise = checkNumber('xor', 'noise', options.noise ?? 0, 0);
  const z = noise > 0 ? normalFloat32(keyFor('xor', options.seed), 2 * n) : undefined;
  const xs = new Float32Array(2 * n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = i & 2 ? 1 : 0;
    const b = i & 1;
    xs[2 * i] = z ? a + noise * (z[2 * i] as number) : a;
    xs[2 * i + 1] = z ? b + noise * (z[2 * i + 1] as number) : b;
    ys[i] = a ^ b;
  }
  return { xs: new Tensor(xs, [n, 2], 'float32'), ys: new Tensor(ys, [n, 1], 'float32') };
}

/** Options of `datasets.spirals`. */
export interface SpiralsOptions {
  /** Points per class (default 100). */
  n?: number;
  /** Number of spiral arms, one per class (default 2). */
  classes?: number;
  /** Standard deviation of the Gaussian noise on each point's angle, in radians (default 0.2). */
  noise?: number;
  seed?: number;
}

/**
 * Interleaved spirals (the CS231n toy problem): point i of class c has radius r = i/(n−1) and
 * angle t = 4c + 4r + noise·z, at (r·sin t, r·cos t), computed in float64 and rounded once.
 * `xs` [n·classes, 2], `ys` [n·classes] class indices (float32), class by class.
 * @example const { xs, ys } = datasets.spirals({ n: 50, classes: 3, seed: 1 });
 */
export function spirals(options: SpiralsOptions = {}): { xs: Tensor; ys: Tensor } {
  checkOptions('datasets.spirals', options, ['n', 'classes', 'noise', 'seed']);
  const n = checkInt('spirals', 'n', options.n ?? 100, 1);
  const classes = checkInt('spirals', 'classes', options.classes ?? 2, 1);
  const noise = checkNumber('spirals', 'noise', options.noise ?? 0.2, 0);
  const z = normalFloat32(keyFor('spirals', options.seed), n * classes);
  const xs = new Float32Array(2 * n * classes);
  const ys = new Float32Array(n * classes);
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < n; i++) {
      const row = c * n + i;
      const r = n === 1 ? 0 : i / (n - 1);
      const t = 4 * c + 4 * r + noise * (z[row] as number);
      xs[2 * row] = r * sin64(t);
      xs[2 * row + 1] = r * cos64(t);
      ys[row] = c;
    }
  }
  return { xs: new Tensor(xs, [n * classes, 2], 'float32'), ys: new Tensor(ys, [n * classes], 'float32') };
}

/** Options of `datasets.timeSeries`. */
export interface TimeSeriesOptions {
  /** Number of time steps (default 240). */
  length?: number;
  /** Steps per season (default 12). */
  period?: number;
  /** Amplitude of the seasonal sine (default 1). */
  amplitude?: number;
  /** Level at t = 0 (default 0) and change per step (default 0.01). */
  level?: number;
  trend?: number;
  /** Standard deviation of the Gaussian noise per step (default 0.1). */
  noise?: number;
  /** Steps of history per example (default: one period) and steps to forecast (default 1). */
  window?: number;
  horizon?: number;
  seed?: number;
}

/**
 * A synthetic seasonal series, for a forecaster: s_t = level + trend·t + amplitude·sin(2πt/period)
 * + noise·z_t (float64, rounded once). `series` [length]; `xs` [m, window] sliding windows and
 * `ys` [m, horizon] the steps after each, m = length − window − horizon + 1.
 * @example const { xs, ys } = datasets.timeSeries({ length: 120, period: 12, seed: 3 }); // xs [108, 12], ys [108, 1]
 */
export function timeSeries(options: TimeSeriesOptions = {}): { series: Tensor; xs: Tensor; ys: Tensor } {
  const fn = 'timeSeries';
  checkOptions('datasets.timeSeries', options, ['length', 'period', 'amplitude', 'level', 'trend', 'noise', 'window', 'horizon', 'seed']);
  const length = checkInt(fn, 'length', options.length ?? 240, 2);
  const period = checkNumber(fn, 'period', options.period ?? 12, Number.MIN_VALUE);
  const amplitude = checkNumber(fn, 'amplitude', options.amplitude ?? 1);
  const level = checkNumber(fn, 'level', options.level ?? 0);
  const trend = checkNumber(fn, 'trend', options.trend ?? 0.01);
  const noise = checkNumber(fn, 'noise', options.noise ?? 0.1, 0);
  const window = checkInt(fn, 'window', options.window ?? Math.max(1, Math.round(period)), 1);
  const horizon = checkInt(fn, 'horizon', options.horizon ?? 1, 1);
  const m = length - window - horizon + 1;
  if (m < 1) throw new Error(`datasets.timeSeries: length ${length} is too short for window ${window} and horizon ${horizon}; expected length ≥ window + horizon`);
  const z = normalFloat32(keyFor(fn, options.seed), length);
  const series = new Float32Array(length);
  for (let t = 0; t < length; t++) series[t] = level + trend * t + amplitude * sin64((2 * Math.PI * t) / period) + noise * (z[t] as number);
  const xs = new Float32Array(m * window);
  const ys = new Float32Array(m * horizon);
  for (let i = 0; i < m; i++) {
    xs.set(series.subarray(i, i + window), i * window);
    ys.set(series.subarray(i + window, i + window + horizon), i * horizon);
  }
  return { series: new Tensor(series, [length], 'float32'), xs: new Tensor(xs, [m, window], 'float32'), ys: new Tensor(ys, [m, horizon], 'float32') };
}
