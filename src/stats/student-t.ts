// Two-sided 95 % critical values of Student's t distribution, t(0.975, df), for df = 1…30
// (published tables, e.g. NIST/SEMATECH e-Handbook of Statistical Methods, table 1.3.6.7.2).
const T975 = [
  12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852,
  2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447,
  2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
];
// Beyond 30: values at df = 40, 60, 120 and ∞, interpolated linearly in 1/df (the standard rule).
const TAIL: readonly [number, number][] = [[30, 2.042272456], [40, 2.021075390], [60, 2.000297822], [120, 1.979930405], [Infinity, 1.959963985]];

/**
 * t(0.975, df): the multiplier of the standard error for a two-sided 95 % confidence interval.
 * Exact table values for df ≤ 30, interpolation in 1/df above (error below 1e-4).
 * @example studentT975(9) // 2.262157163
 */
export function studentT975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`studentT975: df must be a positive integer, received ${df}`);
  if (df <= 30) return T975[df - 1] as number;
  for (let i = 1; i < TAIL.length; i++) {
    const [d1, t1] = TAIL[i] as [number, number];
    const [d0, t0] = TAIL[i - 1] as [number, number];
    if (df <= d1) {
      const f = (1 / d0 - 1 / df) / (1 / d0 - 1 / d1);
      return t0 + f * (t1 - t0);
    }
  }
  return 1.959963985;
}
