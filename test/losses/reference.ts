import { expect } from 'vitest';
import type { Ref } from '../helpers/reference.js';
import type { Tensor } from '../../src/ops/tensor.js';

/** A loss of one sample, in float64: labels y and predictions p along the last axis. */
export type RowFn = (y: number[], p: number[]) => number;

/** Float64 per-sample reference: f over each row of the last axis. */
export function rowRef(y: Ref, p: Ref, f: RowFn): Ref {
  const c = p.shape[p.shape.length - 1] as number;
  const n = p.data.length / c;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = f(Array.from(y.data.subarray(i * c, (i + 1) * c)), Array.from(p.data.subarray(i * c, (i + 1) * c)));
  return { shape: p.shape.slice(0, -1), data };
}

/** The float64 mean of xs. */
export const meanOf = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

// Keras clips float32 tensors at the float32 images of ε and 1 − ε (the Python floats are cast).
/** fround(1e-7): the lower clip of probabilities. */
export const LO: number = Math.fround(1e-7);
/** fround(1 − 1e-7): the upper clip of probabilities. */
export const HI: number = Math.fround(1 - 1e-7);

function expectRowsClose(actual: Tensor, expected: Ref, rel: number, abs: number, finite: boolean): void {
  expect(actual.shape).toEqual(expected.shape);
  actual.values.forEach((v, i) => {
    const e = expected.data[i] as number;
    if (finite) expect(Number.isFinite(v), `element ${i} is finite`).toBe(true);
    expect(Math.abs(v - e), `element ${i}: ${v} vs ${e}`).toBeLessThanOrEqual(rel * Math.abs(e) + abs);
  });
}

/** Same shape, and |actual − expected| ≤ rel·|expected| + abs elementwise. */
export function expectClose(actual: Tensor, expected: Ref, rel = 1e-6, abs = 0): void {
  expectRowsClose(actual, expected, rel, abs, false);
}

/** As expectClose, and every element of `actual` finite (checked first, element by element). */
export function expectFiniteAndClose(actual: Tensor, expected: Ref, rel = 1e-6, abs = 0): void {
  expectRowsClose(actual, expected, rel, abs, true);
}
