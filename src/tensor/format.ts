import type { DataType, TypedArray } from './dtype.js';

// The layout of TF.js's `print` (tfjs-core 4.22 `tensor_format`, output compared in
// test/tensor/format.test.ts): an axis longer than 20 shows its first and last 3 entries around
// '...'; numbers show at most 7 decimals (a scalar shows all digits); the columns of the last axis
// are padded to a common width; blocks of rank ≥ 3 are separated by rank − 2 blank lines.
const ELIDE_ABOVE = 20;
const SHOWN_AT_EACH_END = 3;
const DECIMALS = 7;

/**
 * Renders a tensor as TF.js's `toString` does: a `Tensor` header line (with dtype, rank and shape
 * when `verbose`), then the values as nested rows indented by four spaces.
 * @example formatTensor(Float32Array.of(1, 2), [2], 'float32', false) // 'Tensor\n    [1, 2]'
 */
export function formatTensor(values: TypedArray, shape: readonly number[], dtype: DataType, verbose: boolean): string {
  const header = verbose ? ['Tensor', `  dtype: ${dtype}`, `  rank: ${shape.length}`, `  shape: [${shape.join(',')}]`, '  values:'] : ['Tensor'];
  const cell = (v: number): string => (dtype === 'bool' ? (v === 0 ? 'false' : 'true') : String(parseFloat(v.toFixed(DECIMALS))));
  let rows: string[];
  if (shape.length === 0) {
    rows = [dtype === 'bool' ? cell(values[0] as number) : String(values[0])];
  } else {
    const columns = shape[shape.length - 1] as number;
    const widths = new Array<number>(columns).fill(0);
    if (shape.length > 1) values.forEach((v, i) => { widths[i % columns] = Math.max(widths[i % columns] as number, cell(v).length); });
    rows = block(values, 0, shape, (v, column) => cell(v).padEnd(widths[column] ?? 0), true);
  }
  return [...header, rows.map((row) => '    ' + row).join('\n')].join('\n');
}

/** The indices shown along an axis of `extent`; null marks the elided middle. */
function shown(extent: number): (number | null)[] {
  const all = Array.from({ length: extent }, (_, i) => i);
  if (extent <= ELIDE_ABOVE) return all;
  return [...all.slice(0, SHOWN_AT_EACH_END), null, ...all.slice(extent - SHOWN_AT_EACH_END)];
}

/**
 * The lines of the sub-tensor at `offset` with `shape`. A line may end in the blank lines that
 * separate it from the next block (when `last` is false), as in TF.js.
 */
function block(values: TypedArray, offset: number, shape: readonly number[], cell: (v: number, column: number) => string, last: boolean): string[] {
  const extent = shape[0] as number;
  const inner = shape.slice(1);
  if (inner.length === 0) {
    return ['[' + shown(extent).map((i) => (i === null ? '...' : cell(values[offset + i] as number, i))).join(', ') + ']'];
  }
  let stride = 1;
  for (const d of inner) stride *= d;
  const indices = shown(extent);
  const lines: string[] = [];
  indices.forEach((i, k) => {
    if (i === null) lines.push('...');
    else lines.push(...block(values, offset + i * stride, inner, cell, k === indices.length - 1));
  });
  const comma = shape.length === 2 ? ',' : '';
  lines[0] = '[' + (extent > 0 ? lines[0] + comma : '');
  for (let i = 1; i < lines.length - 1; i++) lines[i] = ' ' + lines[i] + comma;
  const end = lines.length - 1;
  lines[end] = ' ' + lines[end] + ']' + (last ? '' : ',\n' + '\n'.repeat(shape.length - 2));
  return lines;
}
