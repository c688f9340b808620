/** Rows of the side-by-side tables: one workload, a figure per system, ratios, a check. */

import { SYSTEM_NAMES, type SystemName } from './systems.js';
import { fmt, formatTable, ratio } from './table.js';

/** One workload measured on every system that started; figures are "higher is faster". */
export interface WorkloadRow {
  workload: string;
  /** What the figures count, e.g. 'samples/s', 'GFLOP/s'. */
  unit: string;
  /** Median figure per system; a system that did not run is absent. */
  figures: Partial<Record<SystemName, number>>;
  /** Timed repetitions behind each median. */
  samples: number;
  /** Agreement or loss figures that show the systems computed the same thing ('' if none). */
  check: string;
}

/** The best TF.js figure of a row (null when no TF.js backend ran). */
export function bestTf(row: WorkloadRow): number | null {
  const tf = [row.figures['tfjs-cpu'], row.figures['tfjs-wasm']].filter((v): v is number => v !== undefined);
  return tf.length === 0 ? null : Math.max(...tf);
}

/**
 * The rows as a table: each system's figure, then SameBits(wasm) / best TF.js,
 * SameBits(wasm) / tfjs-wasm, and SameBits wasm / reference kernels (> 1: SameBits faster).
 */
export function workloadTable(title: string, rows: readonly WorkloadRow[]): string {
  const body = rows.map((r) => [
    r.workload, r.unit,
    ...SYSTEM_NAMES.map((s) => fmt(r.figures[s] ?? null)),
    ratio(r.figures['samebits-wasm'] ?? null, bestTf(r)),
    ratio(r.figures['samebits-wasm'] ?? null, r.figures['tfjs-wasm'] ?? null),
    ratio(r.figures['samebits-wasm'] ?? null, r.figures['samebits-reference'] ?? null),
    String(r.samples), r.check,
  ]);
  return [
    title,
    formatTable(['workload', 'unit', 'SB-wasm', 'SB-ref', 'tfjs-cpu', 'tfjs-wasm', 'SBw/bestTF', 'SBw/tfjs-wasm', 'SBw/SB-ref', 'runs', 'check'], body),
  ].join('\n');
}

/** max |x − y| over two outputs of the same shape (NaN when the lengths differ). */
export function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) return NaN;
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs((x[i] as number) - (y[i] as number)));
  return worst;
}
