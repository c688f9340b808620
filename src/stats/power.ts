import { normalQuantile } from './normal.js';

/** What a two-sample t-test is planned for. */
export interface PowerOptions {
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Probability of detecting the effect (default 0.8). */
  power?: number;
}

/**
 * Runs needed per group for a two-sided two-sample t-test to detect a standardized effect
 * `effectSize` (Cohen's d: difference of means over the common standard deviation) with the
 * given power: Guenther's approximation (The American Statistician 35(4), 1981, 243–244),
 * n = 2 (z_{1−α/2} + z_{power})² / d² + z_{1−α/2}² / 4, rounded up; within one run of the exact
 * noncentral-t answer (d = 0.5 gives 64, as Cohen's table 2.4.1). Infinity for d = 0.
 * @example runsForPower(0.5) // 64
 */
export function runsForPower(effectSize: number, options: PowerOptions = {}): number {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  if (!(alpha > 0 && alpha < 1)) throw new Error(`runsForPower: alpha must be in (0, 1), received ${alpha}`);
  if (!(power > 0 && power < 1)) throw new Error(`runsForPower: power must be in (0, 1), received ${power}`);
  const d = Math.abs(effectSize);
  if (Number.isNaN(d)) return NaN;
  if (d === 0) return Infinity;
  const zAlpha = normalQuantile(1 - alpha / 2);
  const zPower = normalQuantile(power);
  const n = (2 * (zAlpha + zPower) * (zAlpha + zPower)) / (d * d) + (zAlpha * zAlpha) / 4;
  return Math.max(2, Math.ceil(n));
}
