import type { Layer, LayerNode, SymbolicShape } from '../layers/index.js';
import { formatSymbolicShape } from '../layers/index.js';
import type { Variable } from '../ops/tensor.js';
import { formatSummary, readableSize, summaryWidths } from './summary.js';

/** What the summary reads of a functional model. */
interface GraphModel {
  readonly name: string;
  readonly layers: Layer[];
  readonly graphNodes: readonly LayerNode[];
  readonly trainableWeights: Variable[];
  readonly nonTrainableWeights: Variable[];
  readonly compiled?: { optimizer: { getWeights(): { tensor: { size: number } }[] } } | undefined;
}

/**
 * Python's `round` (half to even), which rich's `ratio_reduce` uses.
 * @example roundHalfEven(3.5) // 4
 */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Text widths of Keras's summary columns: Keras asks rich for columns of ⌊p·L⌋ − previous, each
 * plus 2 of padding, in a table L wide with n + 1 borders; rich takes the excess (3n + 1) back
 * with `ratio_reduce`, evenly, rounding half to even.
 */
function columnWidths(positions: readonly number[], lineLength: number): number[] {
  const asked = positions.map((p, i) => Math.floor(p * lineLength) - (i === 0 ? 0 : Math.floor((positions[i - 1] as number) * lineLength)));
  let excess = 3 * positions.length + 1;
  let ratio = positions.length;
  return asked.map((w) => {
    const cut = Math.min(w + 2, roundHalfEven(excess / ratio));
    excess -= cut;
    ratio -= 1;
    return w - cut;
  });
}

/** Greedy word wrap at spaces, as rich wraps a cell; a word longer than the width is folded. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (candidate.length <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (rest.length > width) {
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    line = rest;
  }
  lines.push(line);
  return lines;
}

/** `in_a[0][0], dense[1][0]`: where a layer's relevant calls take their inputs from (Keras 3). */
function connections(layer: Layer, relevant: readonly LayerNode[]): string {
  const parts: string[] = [];
  for (const node of layer.inboundNodes) {
    if (!relevant.includes(node)) continue;
    for (const x of node.inputs) parts.push(`${x.sourceLayer.name}[${x.nodeIndex}][${x.tensorIndex}]`);
  }
  return parts.length === 0 ? '-' : parts.join(', ');
}

function outputShapeOf(layer: Layer, relevant: readonly LayerNode[]): string {
  const node = layer.inboundNodes.find((n) => relevant.includes(n));
  const shapes: SymbolicShape[] = node ? node.outputs.map((x) => x.shape) : [];
  if (shapes.length === 0) return '?';
  return shapes.length === 1 ? formatSymbolicShape(shapes[0] as SymbolicShape) : `[${shapes.map(formatSymbolicShape).join(', ')}]`;
}

/**
 * Keras 3's summary of a functional model: a chain of single calls prints as Sequential does;
 * any branching, merging or shared layer adds the "Connected to" column (`layer[node][tensor]`,
 * wrapped) in a table 108 wide by default, columns at 0.3, 0.56, 0.74, 1.0.
 * @example functionalSummary(m).forEach((line) => console.log(line))
 */
export function functionalSummary(model: GraphModel, lineLength?: number): string[] {
  const relevant = model.graphNodes;
  const count = (vs: Variable[]): number => vs.reduce((n, v) => n + v.size, 0);
  const optimizer = model.compiled?.optimizer.getWeights().reduce((n, w) => n + w.tensor.size, 0);
  const totals = { trainable: count(model.trainableWeights), nonTrainable: count(model.nonTrainableWeights), ...(optimizer ? { optimizer } : {}) };
  const calls = model.layers.map((l) => l.inboundNodes.filter((n) => relevant.includes(n)).length);
  const chain = relevant.every((n) => n.inputs.length <= 1) && calls.every((c) => c <= 1) && model.layers.filter((l) => l.inboundNodes.some((n) => relevant.includes(n) && n.inputs.length === 0)).length <= 1;
  const rows = model.layers.map((l) => ({ layer: `${l.name} (${l.className})`, outputShape: outputShapeOf(l, relevant), params: l.countParams() }));
  if (chain) return formatSummary(model.name, rows, totals, lineLength);

  const length = lineLength ?? 108;
  const positions = [0.3, 0.56, 0.74, 1];
  const widths = summaryWidths(model.name, length, positions, (l) => columnWidths(positions, l));
  const rule = (left: string, mid: string, right: string, fill: string): string => left + widths.map((w) => fill.repeat(w + 2)).join(mid) + right;
  const cell = (text: string, w: number, right: boolean): string => (right ? text.padStart(w) : text.padEnd(w));
  const line = (cells: string[], bar: string): string => bar + cells.map((c, i) => ` ${cell(c, widths[i] as number, i === 2)} `).join(bar) + bar;
  const out = [`Model: "${model.name}"`, rule('┏', '┳', '┓', '━'), line(['Layer (type)', 'Output Shape', 'Param #', 'Connected to'], '┃'), rule('┡', '╇', '┩', '━')];
  model.layers.forEach((l, i) => {
    if (i > 0) out.push(rule('├', '┼', '┤', '─'));
    const r = rows[i] as (typeof rows)[number];
    const cells = [r.layer, r.outputShape, r.params.toLocaleString('en-US'), connections(l, relevant)].map((text, c) => wrap(text, widths[c] as number));
    const height = Math.max(...cells.map((c) => c.length));
    for (let k = 0; k < height; k++) out.push(line(cells.map((c) => c[k] ?? ''), '│'));
  });
  out.push(rule('└', '┴', '┘', '─'));
  const total = totals.trainable + totals.nonTrainable;
  const params = (n: number): string => `${n.toLocaleString('en-US')} (${readableSize(4 * n)})`;
  out.push(` Total params: ${params(total)}`, ` Trainable params: ${params(totals.trainable)}`, ` Non-trainable params: ${params(totals.nonTrainable)}`);
  if (totals.optimizer !== undefined) out.push(` Optimizer params: ${params(totals.optimizer)}`);
  return out;
}
