/** One row of a model summary. */
export interface SummaryRow {
  layer: string;
  outputShape: string;
  params: number;
}

/** Totals printed under the summary table. */
export interface SummaryTotals {
  trainable: number;
  nonTrainable: number;
  optimizer?: number;
}

/** Keras `readable_memory_size`: bytes in B, KB, MB, GB with two decimals. */
export function readableSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(2)} ${units[unit] as string}`;
}

function fit(text: string, width: number, right: boolean): string {
  const cut = text.length > width ? text.slice(0, width - 1) + '…' : text;
  return right ? cut.padStart(width) : cut.padEnd(width);
}

/**
 * The text widths of a summary table `lineLength` wide, from `widthsFor`; throws Keras 3's
 * "Insufficient console width" (naming the model and the least width that works) when a column
 * Keras asks for (⌊p·L⌋ − previous) is narrower than 4, or a text width is below 1 (a narrower
 * table cannot wrap its cells).
 * @example const widths = summaryWidths('m', 88, [0.45, 0.8, 1], (L) => [L - 50, 28, 12]);
 */
export function summaryWidths(modelName: string, lineLength: number, positions: readonly number[], widthsFor: (length: number) => number[]): number[] {
  const fits = (length: number): boolean =>
    Number.isInteger(length) && length > 0 && positions.every((p, i) => Math.floor(p * length) - (i === 0 ? 0 : Math.floor((positions[i - 1] as number) * length)) >= 4) && widthsFor(length).every((w) => w >= 1);
  if (fits(lineLength)) return widthsFor(lineLength);
  let least = Math.max(1, Math.ceil(Number.isFinite(lineLength) ? lineLength : 1));
  while (!fits(least)) least++;
  throw new Error(`${modelName}.summary: insufficient console width to print summary: lineLength ${String(lineLength)} gives a column narrower than 4 characters; use at least ${least}`);
}

/**
 * The Keras 3 summary table: `Model: "name"`, a heavy-ruled header, one light-ruled row per
 * layer (Layer (type) | Output Shape | Param #), then the parameter totals with their size.
 * The table is `lineLength` wide (default 88). Keras asks rich for columns of ⌊p·L⌋ − previous
 * (p = 0.45, 0.80, 1.0), each plus 2 of padding, in a table of width L with 4 borders: 10 too
 * many, which rich's `ratio_reduce` takes back as 3, 4, 3, so the text widths are those columns
 * minus 3, 4 and 3.
 */
export function formatSummary(modelName: string, rows: readonly SummaryRow[], totals: SummaryTotals, lineLength = 88): string[] {
  const positions = [0.45, 0.8, 1];
  const trim = [3, 4, 3];
  const widths = summaryWidths(modelName, lineLength, positions, (length) => {
    const edges = positions.map((p) => Math.floor(p * length));
    return edges.map((e, i) => e - (i === 0 ? 0 : (edges[i - 1] as number)) - (trim[i] as number));
  });
  const rule = (left: string, mid: string, right: string, fill: string): string => left + widths.map((w) => fill.repeat(w + 2)).join(mid) + right;
  const line = (cells: string[], bar: string): string => bar + cells.map((c, i) => ` ${fit(c, widths[i] as number, i === 2)} `).join(bar) + bar;
  const out = [`Model: "${modelName}"`, rule('┏', '┳', '┓', '━'), line(['Layer (type)', 'Output Shape', 'Param #'], '┃'), rule('┡', '╇', '┩', '━')];
  rows.forEach((r, i) => {
    if (i > 0) out.push(rule('├', '┼', '┤', '─'));
    out.push(line([r.layer, r.outputShape, r.params.toLocaleString('en-US')], '│'));
  });
  out.push(rule('└', '┴', '┘', '─'));
  const total = totals.trainable + totals.nonTrainable;
  const count = (n: number): string => `${n.toLocaleString('en-US')} (${readableSize(4 * n)})`;
  out.push(` Total params: ${count(total)}`, ` Trainable params: ${count(totals.trainable)}`, ` Non-trainable params: ${count(totals.nonTrainable)}`);
  if (totals.optimizer !== undefined) out.push(` Optimizer params: ${count(totals.optimizer)}`);
  return out;
}
