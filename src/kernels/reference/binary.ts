import { broadcastStrides } from '../strides.js';

/** Writable numeric storage a kernel fills. */
export type NumericArray = Float32Array | Int32Array | Uint8Array | Float64Array;

/**
 * out[i] = f(a[ia], b[ib]) over the row-major elements of `outShape`, where ia and ib follow
 * NumPy broadcasting. The store into `out` rounds to its type (float32: one rounding of the
 * float64 result, which for + − × ÷ of float32 operands is the correctly rounded float32 result).
 * Reference order: elements are independent; the output is visited in row-major order.
 */
export function binaryBroadcast(
  a: ArrayLike<number>, aShape: readonly number[],
  b: ArrayLike<number>, bShape: readonly number[],
  outShape: readonly number[], out: NumericArray,
  f: (x: number, y: number) => number,
): void {
  const size = out.length;
  if (a.length === size && b.length === size) {
    for (let i = 0; i < size; i++) out[i] = f(a[i] as number, b[i] as number);
    return;
  }
  if (b.length === 1 && a.length === size) {
    const y = b[0] as number;
    for (let i = 0; i < size; i++) out[i] = f(a[i] as number, y);
    return;
  }
  if (a.length === 1 && b.length === size) {
    const x = a[0] as number;
    for (let i = 0; i < size; i++) out[i] = f(x, b[i] as number);
    return;
  }
  const rank = outShape.length;
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const index = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let i = 0; i < size; i++) {
    out[i] = f(a[ia] as number, b[ib] as number);
    // Odometer: advance the multi-index, keeping ia and ib in step.
    for (let axis = rank - 1; axis >= 0; axis--) {
      ia += sa[axis] as number;
      ib += sb[axis] as number;
      if (++(index[axis] as number) < (outShape[axis] as number)) break;
      index[axis] = 0;
      ia -= (sa[axis] as number) * (outShape[axis] as number);
      ib -= (sb[axis] as number) * (outShape[axis] as number);
    }
  }
}

/**
 * out[i] = f(c, a, b) for a three-operand elementwise op under broadcasting (used by `where`).
 * Reference order: elements are independent.
 */
export function ternaryBroadcast(
  c: ArrayLike<number>, cShape: readonly number[],
  a: ArrayLike<number>, aShape: readonly number[],
  b: ArrayLike<number>, bShape: readonly number[],
  outShape: readonly number[], out: NumericArray,
  f: (c: number, x: number, y: number) => number,
): void {
  const rank = outShape.length;
  const sc = broadcastStrides(cShape, outShape);
  const sa = broadcastStrides(aShape, outShape);
  const sb = broadcastStrides(bShape, outShape);
  const index = new Array<number>(rank).fill(0);
  let ic = 0;
  let ia = 0;
  let ib = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = f(c[ic] as number, a[ia] as number, b[ib] as number);
    for (let axis = rank - 1; axis >= 0; axis--) {
      ic += sc[axis] as number;
      ia += sa[axis] as number;
      ib += sb[axis] as number;
      if (++(index[axis] as number) < (outShape[axis] as number)) break;
      index[axis] = 0;
      const extent = outShape[axis] as number;
      ic -= (sc[axis] as number) * extent;
      ia -= (sa[axis] as number) * extent;
      ib -= (sb[axis] as number) * extent;
    }
  }
}
