import type { Comparison } from '../stats/compare.js';
import type { ConfigurationRuns } from './plot-data.js';
import { formatInterval, formatNumber, formatSeeds } from './format.js';

function table(rows: string[][]): string[] {
  const widths = (rows[0] as string[]).map((_, j) => Math.max(...rows.map((r) => (r[j] as string).length)));
  return rows.map((r) => r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j] as number) : cell.padStart(widths[j] as number))).join('  ').trimEnd());
}

/**
 * The summary of each configuration as text tables (one row per final metric; curves by their
 * last epoch), then the comparisons in plain words.
 */
export function formatTextReport(configs: readonly ConfigurationRuns[], comparisons: readonly Comparison[]): string {
  const lines: string[] = [];
  for (const c of configs) {
    lines.push(`${c.name}: ${c.runs.length} runs (seeds ${formatSeeds(c.runs.map((r) => r.seed))})`);
    const rows = [['metric', 'mean', 'std', 'sem', '95% CI (t)', '95% CI (bootstrap)', 'median', 'min', 'max']];
    for (const [name, s] of Object.entries(c.summary.metrics)) {
      rows.push([name, formatNumber(s.mean), formatNumber(s.std, 3), formatNumber(s.sem, 3), formatInterval(s.ci95), formatInterval(s.bootstrapCi95), formatNumber(s.median), formatNumber(s.min), formatNumber(s.max)]);
    }
    for (const [name, s] of Object.entries(c.summary.curves)) {
      const e = s.mean.length - 1;
      if (e < 0) continue;
      rows.push([`${name} (epoch ${e + 1})`, formatNumber(s.mean[e] as number), formatNumber(s.std[e] as number, 3), '', formatInterval([s.ciLow[e] as number, s.ciHigh[e] as number]), '', '', '', '']);
    }
    lines.push(...table(rows).map((l) => `  ${l}`), '');
  }
  for (const c of comparisons) lines.push(`${c.metric ?? 'metric'}: ${c.summary}`);
  return `${lines.join('\n').trimEnd()}\n`;
}
