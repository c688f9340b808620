import type { DataType, TypedArray } from './dtype.js';

const MAX_SHOWN = 6;

/**
 * Renders a tensor like TF.js's `print`: a `Tensor` header line, then nested rows. Long axes are
 * elided with `...` after the first and before the last three entries.
 */
export function formatTensor(values: TypedArray, shape: readonly number[], dtype: DataType, verbose: boolean): string {
  const header = verbose ? `Tensor\n  dtype: ${dtype}\n  rank: ${shape.length}\n  shape: [${shape.join(',')}]\n  values:\n` : 'Tensor\n';
  const render = (v: number): string => (dtype === 'bool' ? (v ? 'true' : 'false') : String(v));
  return header + '    ' + formatAxis(values, shape, 0, 0, render, '    ');
}

function formatAxis(values: TypedArray, shape: readonly number[], axis: number, offset: number, render: (v: number) => string, indent: string): string {
  if (shape.length === 0) return render(values[0] as number);
  const extent = shape[axis] as number;
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i] as number;
  const shown: number[] = [];
  if (extent <= MAX_SHOWN) {
    for (let i = 0; i < extent; i++) shown.push(i);
  } else {
    shown.push(0, 1, 2, -1, extent - 3, extent - 2, extent - 1);
  }
  const last = axis === shape.length - 1;
  const parts = shown.map((i) => (i < 0 ? '...' : last ? render(values[offset + i] as number) : formatAxis(values, shape, axis + 1, offset + i * inner, render, indent + ' ')));
  const separator = last ? ', ' : ',\n' + indent + ' ';
  return '[' + parts.join(separator) + ']';
}
