import { describe, expect, it } from 'vitest';
import { summarizeRuns } from '../../src/repro/repeat-summary.js';
import type { RepeatRun } from '../../src/repro/repeat-types.js';
import type { ConfigurationRuns } from '../../src/report/plot-data.js';
import { boxStats, curveBands, stripPoints } from '../../src/report/plot-data.js';
import { renderRepeatReport } from '../../src/report/repeat-report.js';
import { compare } from '../../src/stats/compare.js';
import { quantileSorted, sortNumbers } from '../../src/stats/quantile.js';
import { allText, findByClass, parseXml } from './xml.js';

/** A configuration of `n` runs with made-up but fixed metrics (no training needed). */
function configuration(name: string, n: number, shift: number): ConfigurationRuns {
  const runs: RepeatRun[] = Array.from({ length: n }, (_, i) => {
    const seed = i + 1;
    const wobble = ((seed * 37) % 11) / 110;
    return { seed, durationMs: 0, metrics: { accuracy: 0.85 + shift + wobble / 4, loss: [1, 0.6, 0.4, 0.3, 0.25].map((v) => v - shift + wobble / (2 + seed % 3)) } };
  });
  return { name, runs, summary: summarizeRuns(runs) };
}

const CONFIGS = [configuration('baseline', 9, 0), configuration('wide <16>', 7, 0.03)];
const values = (c: ConfigurationRuns): number[] => c.runs.map((r) => r.metrics.accuracy as number);
const COMPARISONS = [compare(values(CONFIGS[0] as ConfigurationRuns), values(CONFIGS[1] as ConfigurationRuns), { names: ['baseline', 'wide <16>'], metric: 'accuracy' })];
const report = await renderRepeatReport(CONFIGS, COMPARISONS, 'Test report');

function figure(file: string): string {
  const found = report.figures.find((f) => f.file === file);
  if (found === undefined) throw new Error(`no figure ${file}: ${report.figures.map((f) => f.file).join(', ')}`);
  return found.svg;
}

describe('distribution plot', () => {
  const svg = parseXml(figure('distribution-accuracy.svg'));

  it('is well-formed SVG', () => {
    expect(svg.name).toBe('svg');
    expect(svg.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
  });

  it('draws one dot per run, one box, one mean diamond and two rules (whisker, median) per configuration', () => {
    const symbols = findByClass(svg, 'mark-symbol role-mark');
    expect(symbols.map((g) => g.children.length).sort((a, b) => a - b)).toEqual([2, 16]);
    expect(findByClass(svg, 'mark-rect role-mark')[0]?.children).toHaveLength(2);
    expect(findByClass(svg, 'mark-rule role-mark').map((g) => g.children.length)).toEqual([2, 2]);
  });

  it('labels the axis with the configuration names and the metric', () => {
    const text = allText(svg);
    expect(text).toContain('baseline');
    expect(text).toContain('wide &lt;16&gt;');
    expect(text).toContain('accuracy');
  });
});

describe('learning-curve plot', () => {
  const svg = parseXml(figure('curve-loss.svg'));

  it('draws every run as a line, and a mean line and a band per configuration', () => {
    expect(findByClass(svg, 'mark-line role-mark layer_0')).toHaveLength(16);
    expect(findByClass(svg, 'mark-area role-mark')).toHaveLength(2);
    expect(findByClass(svg, 'mark-line role-mark layer_2')).toHaveLength(2);
    expect(allText(svg)).toContain('mean (thick) ± 1 std (band) over 9 runs');
  });
});

describe('plot data', () => {
  it('bands are the summary means ± 1 std, epoch by epoch', () => {
    const bands = curveBands(CONFIGS, 'loss').filter((b) => b.config === 'baseline');
    const curve = CONFIGS[0]?.summary.curves.loss;
    expect(bands.map((b) => b.mean)).toEqual(curve?.mean);
    expect(bands.map((b) => b.high)).toEqual(curve?.mean.map((m, i) => m + (curve.std[i] as number)));
    expect(bands.map((b) => b.low)).toEqual(curve?.mean.map((m, i) => m - (curve.std[i] as number)));
  });

  it('boxes hold the type-7 quartiles and the extremes', () => {
    const box = boxStats(CONFIGS, 'accuracy')[0];
    const sorted = sortNumbers(values(CONFIGS[0] as ConfigurationRuns));
    expect([box?.min, box?.q1, box?.median, box?.q3, box?.max]).toEqual([sorted[0], quantileSorted(sorted, 0.25), quantileSorted(sorted, 0.5), quantileSorted(sorted, 0.75), sorted[sorted.length - 1]]);
  });

  it('jitters each dot by a fixed amount per seed within ±0.3', () => {
    const points = stripPoints(CONFIGS, 'accuracy');
    for (const p of points) expect(Math.abs(p.jitter)).toBeLessThanOrEqual(0.3);
    const again = stripPoints([...CONFIGS].reverse(), 'accuracy');
    for (const p of points) expect(again.find((q) => q.config === p.config && q.seed === p.seed)?.jitter).toBe(p.jitter);
    expect(new Set(points.map((p) => p.jitter)).size).toBeGreaterThan(5);
  });
});

describe('HTML report', () => {
  it('is one self-contained page: inline SVG, no script, nothing fetched', () => {
    expect(report.html.startsWith('<!doctype html>')).toBe(true);
    expect(report.html).not.toMatch(/<script|<link|<img|src=|url\(/);
    expect(report.html.match(/<svg /g)).toHaveLength(report.figures.length);
  });

  it('states the comparison in plain words and escapes names', () => {
    expect(report.html).toContain('wide &lt;16&gt; is better in');
    expect(report.html).not.toContain('wide <16>');
  });

  it('is reproducible: a second render gives the same page', async () => {
    const again = await renderRepeatReport(CONFIGS, COMPARISONS, 'Test report');
    expect(again.html).toBe(report.html);
  });
});

describe('plots without vega installed', () => {
  it('say which optional packages to install', async () => {
    const { loadPlotting } = await import('../../src/report/render-svg.js');
    const missing = Object.assign(new Error("Cannot find package 'vega' imported from …"), { code: 'ERR_MODULE_NOT_FOUND' });
    await expect(loadPlotting(() => Promise.reject(missing))).rejects.toThrow('install vega and vega-lite to render plots: npm install vega vega-lite');
  });
});
