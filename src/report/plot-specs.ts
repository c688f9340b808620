/**
 * Vega-Lite specifications of the repeat plots. The statistics come precomputed (plot-data.ts);
 * the specs only say how to draw them.
 */

import type { TopLevelSpec } from 'vega-lite';
import type { BoxStats, CurveBand, CurvePoint, StripPoint } from './plot-data.js';

const FONT = 'Helvetica, Arial, sans-serif';
const CONFIG = { font: FONT, view: { stroke: '#ddd' }, axis: { labelFontSize: 11, titleFontSize: 12 }, title: { fontSize: 14, anchor: 'start' as const } };

/** Input of a learning-curve plot. */
export interface CurvePlotData { metric: string; runs: number; points: CurvePoint[]; bands: CurveBand[] }
/** Input of a distribution plot. */
export interface DistributionPlotData { metric: string; points: StripPoint[]; boxes: BoxStats[] }

/**
 * Learning curves across runs: every run as a faint line, the mean per configuration as a thick
 * line, and a band of ±1 standard deviation around it.
 */
export function learningCurveSpec(data: CurvePlotData): TopLevelSpec {
  const x = { field: 'epoch', type: 'quantitative' as const, title: 'epoch', axis: { tickMinStep: 1 } };
  const color = { field: 'config', type: 'nominal' as const, title: 'configuration', legend: { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${data.metric} per epoch`, subtitle: `mean (thick) ± 1 std (band) over ${data.runs} runs; faint lines: single runs` },
    width: 480,
    height: 280,
    background: 'white',
    config: CONFIG,
    layer: [
      {
        data: { values: data.points },
        mark: { type: 'line', strokeWidth: 0.8, opacity: 0.3 },
        encoding: { x, y: { field: 'value', type: 'quantitative', title: data.metric, scale: { zero: false } }, color, detail: { field: 'seed', type: 'nominal' } },
      },
      {
        data: { values: data.bands },
        mark: { type: 'area', opacity: 0.18 },
        encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color },
      },
      {
        data: { values: data.bands },
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: { x, y: { field: 'mean', type: 'quantitative' }, color },
      },
    ],
  };
}

/**
 * The distribution of a final metric per configuration: a box (quartiles) with min–max
 * whiskers and the median, every run as a jittered dot, the mean as a diamond. Configurations
 * sit at x = 0, 1, 2, … on a quantitative axis labelled with their names, so every layer lines
 * up exactly (Vega-Lite's xOffset channel would shift the boxes off their dots).
 */
export function distributionSpec(data: DistributionPlotData): TopLevelSpec {
  const names = data.boxes.map((b) => b.config);
  const index = new Map(names.map((name, i) => [name, i]));
  const boxes = data.boxes.map((b) => {
    const i = index.get(b.config) as number;
    return { ...b, x: i, left: i - 0.22, right: i + 0.22 };
  });
  const points = data.points.map((p) => ({ ...p, x: (index.get(p.config) ?? 0) + p.jitter }));
  const x = {
    type: 'quantitative' as const,
    title: 'configuration',
    scale: { domain: [-0.6, names.length - 0.4], nice: false, zero: false },
    axis: { values: names.map((_, i) => i), labelExpr: `${JSON.stringify(names)}[datum.value]`, grid: false, tickCount: names.length },
  };
  const color = { field: 'config', type: 'nominal' as const, legend: null, sort: names };
  const y = { type: 'quantitative' as const, title: data.metric, scale: { zero: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${data.metric} over runs`, subtitle: 'box: quartiles, whiskers: min–max, diamond: mean' },
    width: Math.max(280, 120 * names.length),
    height: 280,
    background: 'white',
    config: CONFIG,
    layer: [
      { data: { values: boxes }, mark: { type: 'rule', color: '#777' }, encoding: { x: { ...x, field: 'x' }, y: { ...y, field: 'min' }, y2: { field: 'max' } } },
      { data: { values: boxes }, mark: { type: 'rect', opacity: 0.25, stroke: '#666' }, encoding: { x: { ...x, field: 'left' }, x2: { field: 'right' }, y: { ...y, field: 'q1' }, y2: { field: 'q3' }, color } },
      { data: { values: boxes }, mark: { type: 'rule', strokeWidth: 2.5, color: '#333' }, encoding: { x: { ...x, field: 'left' }, x2: { field: 'right' }, y: { ...y, field: 'median' } } },
      {
        data: { values: points },
        mark: { type: 'circle', size: 40, opacity: 0.85 },
        encoding: { x: { ...x, field: 'x' }, y: { ...y, field: 'value' }, color, tooltip: [{ field: 'config' }, { field: 'seed' }, { field: 'value' }] },
      },
      { data: { values: boxes }, mark: { type: 'point', shape: 'diamond', filled: true, size: 110, color: 'black' }, encoding: { x: { ...x, field: 'x' }, y: { ...y, field: 'mean' } } },
    ],
  };
}
