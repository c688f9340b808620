import type { Comparison } from '../stats/compare.js';
import type { Figure } from './html-report.js';
import { htmlReport } from './html-report.js';
import type { ConfigurationRuns } from './plot-data.js';
import { boxStats, curveBands, curvePoints, stripPoints } from './plot-data.js';
import { distributionSpec, learningCurveSpec } from './plot-specs.js';
import { renderSvg } from './render-svg.js';

/** The statistics of a repeat as plain data (what summary.json holds). */
export interface ReportSummary {
  configurations: { name: string; seeds: number[]; metrics: unknown; curves: unknown }[];
  comparisons: Comparison[];
}

/** Everything a repeat report consists of, ready to be saved or served. */
export interface RepeatReport {
  figures: Figure[];
  html: string;
  summary: ReportSummary;
}

/**
 * The statistics of every configuration and the comparisons, as plain data: no timings, so the
 * same runs always give the same JSON.
 */
export function reportSummary(configs: readonly ConfigurationRuns[], comparisons: readonly Comparison[]): ReportSummary {
  return {
    configurations: configs.map((c) => ({ name: c.name, seeds: c.runs.map((r) => r.seed), metrics: c.summary.metrics, curves: c.summary.curves })),
    comparisons: [...comparisons],
  };
}

function fileName(prefix: string, metric: string): string {
  return `${prefix}-${metric.replace(/[^A-Za-z0-9_.-]+/g, '_')}.svg`;
}

/**
 * Renders the figures of a repeat (learning curves of every per-epoch metric, the distribution
 * of every final metric, all configurations in each) as SVG, and the HTML page holding them.
 * @example const report = await renderRepeatReport([result], []); report.figures[0].svg
 */
export async function renderRepeatReport(configs: readonly ConfigurationRuns[], comparisons: readonly Comparison[], title = 'Repeated runs'): Promise<RepeatReport> {
  const figures: Figure[] = [];
  const finals = [...new Set(configs.flatMap((c) => Object.keys(c.summary.metrics)))].sort();
  const curves = [...new Set(configs.flatMap((c) => Object.keys(c.summary.curves)))].sort();
  for (const metric of finals) {
    const svg = await renderSvg(distributionSpec({ metric, points: stripPoints(configs, metric), boxes: boxStats(configs, metric) }));
    figures.push({ file: fileName('distribution', metric), title: `Distribution of ${metric} over runs`, svg });
  }
  for (const metric of curves) {
    const runs = Math.max(...configs.map((c) => c.runs.length));
    const svg = await renderSvg(learningCurveSpec({ metric, runs, points: curvePoints(configs, metric), bands: curveBands(configs, metric) }));
    figures.push({ file: fileName('curve', metric), title: `Learning curve of ${metric}`, svg });
  }
  return { figures, html: htmlReport(title, configs, comparisons, figures), summary: reportSummary(configs, comparisons) };
}
