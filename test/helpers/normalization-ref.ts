import type { Ref } from './reference.js';
import { coordsOf } from './reference.js';

/**
 * Float64 reference of batch and layer normalization: y = (x − μ) / √(σ² + ε) · γ + β, where μ, σ²
 * are the mean and biased variance of x over `reduced` axes (or the given per-`paramAxes`
 * statistics), and γ, β are indexed by the coordinates on `paramAxes`.
 */
export function normalizeRef(x: Ref, reduced: readonly number[], paramAxes: readonly number[], eps: number, gamma: Ref | null, beta: Ref | null, stats?: { mean: Ref; variance: Ref }): Ref {
  const key = (c: number[], axes: readonly number[]): string => axes.map((a) => c[a]).join(',');
  const kept = x.shape.map((_, i) => i).filter((i) => !reduced.includes(i));
  const sums = new Map<string, { s: number; n: number; q: number }>();
  const coords = Array.from({ length: x.data.length }, (_, i) => coordsOf(i, x.shape));
  coords.forEach((c, i) => {
    const k = key(c, kept);
    const e = sums.get(k) ?? { s: 0, n: 0, q: 0 };
    e.s += x.data[i] as number;
    e.n++;
    sums.set(k, e);
  });
  coords.forEach((c, i) => {
    const e = sums.get(key(c, kept))!;
    e.q += ((x.data[i] as number) - e.s / e.n) ** 2;
  });
  const paramIndex = (c: number[]): number => paramAxes.reduce((idx, a) => idx * (x.shape[a] as number) + (c[a] as number), 0);
  const out = new Float64Array(x.data.length);
  coords.forEach((c, i) => {
    const p = paramIndex(c);
    const e = sums.get(key(c, kept))!;
    const mean = stats ? (stats.mean.data[p] as number) : e.s / e.n;
    const variance = stats ? (stats.variance.data[p] as number) : e.q / e.n;
    let y = ((x.data[i] as number) - mean) / Math.sqrt(variance + eps);
    if (gamma) y *= gamma.data[p] as number;
    if (beta) y += beta.data[p] as number;
    out[i] = y;
  });
  return { shape: x.shape.slice(), data: out };
}
