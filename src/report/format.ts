/** Number formatting shared by the text and HTML reports (toPrecision is exact in ECMAScript). */

/** `x` to `digits` significant digits without trailing zeros; NaN and infinities spelled out. */
export function formatNumber(x: number, digits = 5): string {
  if (!Number.isFinite(x)) return String(x);
  return Number(x.toPrecision(digits)).toString();
}

/** "[lo, hi]". */
export function formatInterval([lo, hi]: readonly [number, number], digits = 5): string {
  return `[${formatNumber(lo, digits)}, ${formatNumber(hi, digits)}]`;
}

/** "1–30" for consecutive seeds, else "1, 4, 9" (shortened past 8). */
export function formatSeeds(seeds: readonly number[]): string {
  const sorted = [...seeds].sort((a, b) => a - b);
  if (sorted.length === 0) return 'none';
  const first = sorted[0] as number;
  const last = sorted[sorted.length - 1] as number;
  if (sorted.length > 1 && last - first === sorted.length - 1) return `${first}–${last}`;
  return sorted.length <= 8 ? sorted.join(', ') : `${sorted.slice(0, 6).join(', ')}, … (${sorted.length} seeds)`;
}

/** JSON with NaN and ±Infinity as strings (JSON would write null), indented. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}
