/** Plain-text tables for the benchmark report. */

/**
 * Formats rows under headers, numbers right-aligned, text left-aligned.
 * @example formatTable(['n', 'ns'], [['1e3', '0.91']])
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = headers.map((_, c) => rows.every((r) => /^[-+0-9.e×x%—]*$/i.test(r[c] ?? '')));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A number with `digits` significant digits, or '—' when it is missing. */
export function fmt(value: number | null, digits = 3): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value.toPrecision(digits);
}

/** A ratio as "1.23×" (two significant digits below 0.1: "0.012×"), or '—' when either side is missing. */
export function ratio(a: number | null, b: number | null): string {
  if (a === null || b === null || b === 0) return '—';
  const r = a / b;
  return `${r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×`;
}

/** A small difference in exponent notation ("2.9e-6"), exact zero as "0", or '—' when missing. */
export function fmtDiff(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '—';
  return value === 0 ? '0' : value.toExponential(1);
}
