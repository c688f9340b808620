import type { Comparison } from '../stats/compare.js';
import type { ConfigurationRuns } from './plot-data.js';
import { formatInterval, formatNumber, formatSeeds } from './format.js';

/** A rendered figure: where it is saved, its caption, its SVG. */
export interface Figure {
  file: string;
  title: string;
  svg: string;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `body{font:14px/1.45 Helvetica,Arial,sans-serif;color:#222;max-width:1100px;margin:2em auto;padding:0 1em}
h1{font-size:22px}h2{font-size:17px;margin-top:2em}table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{padding:3px 10px;border-bottom:1px solid #e4e4e4;text-align:right;font-variant-numeric:tabular-nums}
th:first-child,td:first-child{text-align:left}figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top}
li{margin-bottom:.5em}.note{color:#555}`;

function metricsTable(c: ConfigurationRuns): string {
  const head = ['metric', 'n', 'mean', 'std', 'sem', '95% CI (t)', '95% CI (bootstrap)', 'median', 'min', 'max'];
  const rows = Object.entries(c.summary.metrics).map(([name, s]) =>
    [escape(name), String(s.n), formatNumber(s.mean), formatNumber(s.std, 3), formatNumber(s.sem, 3), formatInterval(s.ci95), formatInterval(s.bootstrapCi95), formatNumber(s.median), formatNumber(s.min), formatNumber(s.max)]);
  if (rows.length === 0) return '<p class="note">No final metrics (only curves).</p>';
  return `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((v) => `<td>${v}</td>`).join('')}</tr>`).join('')}</table>`;
}

/**
 * A self-contained HTML page (inline CSS and SVG, no script, nothing fetched): the comparisons
 * in plain words, a table of statistics per configuration, and the figures.
 */
export function htmlReport(title: string, configs: readonly ConfigurationRuns[], comparisons: readonly Comparison[], figures: readonly Figure[]): string {
  const parts = [
    '<!doctype html>', '<html lang="en">', '<meta charset="utf-8">', `<title>${escape(title)}</title>`, `<style>${STYLE}</style>`,
    `<h1>${escape(title)}</h1>`,
    `<p class="note">${configs.map((c) => `${escape(c.name)}: ${c.runs.length} runs (seeds ${formatSeeds(c.runs.map((r) => r.seed))})`).join('; ')}.
Every number here is a function of the runs alone: exact sums, runs in order of seed, bootstrap resampling from a fixed Philox key. Rerunning gives this report again, bit for bit.</p>`,
  ];
  if (comparisons.length > 0) {
    parts.push('<h2>Comparisons</h2>', `<ul>${comparisons.map((c) => `<li><b>${escape(c.metric ?? '')}</b>: ${escape(c.summary)}</li>`).join('')}</ul>`);
  }
  parts.push('<h2>Statistics</h2>');
  for (const c of configs) parts.push(`<h3>${escape(c.name)}</h3>`, metricsTable(c));
  if (figures.length > 0) {
    parts.push('<h2>Figures</h2>');
    for (const f of figures) parts.push(`<figure>${f.svg}<figcaption class="note">${escape(f.title)} (${escape(f.file)})</figcaption></figure>`);
  }
  return `${parts.join('\n')}\n`;
}
