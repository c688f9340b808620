import { erf, exp, expm1, log, log1p, pow, sigmoid, softplus, tanh } from '../../math/index.js';
import type { NumericArray } from './binary.js';
import { binaryBroadcast, ternaryBroadcast } from './binary.js';
import { unaryMap } from './unary.js';

/** Names of the binary elementwise kernels. */
export type BinaryKernel = 'add' | 'sub' | 'mul' | 'mulInt32' | 'div' | 'floorDiv' | 'maximum' | 'minimum' | 'pow'
  | 'equal' | 'notEqual' | 'greater' | 'greaterEqual' | 'less' | 'lessEqual' | 'logicalAnd' | 'logicalOr';

/** Names of the unary elementwise kernels. */
export type UnaryKernel = 'neg' | 'abs' | 'sign' | 'sqrt' | 'relu' | 'exp' | 'log' | 'log1p' | 'expm1' | 'sigmoid' | 'tanh'
  | 'softplus' | 'erf' | 'logicalNot' | 'isNaN' | 'isFinite';

/**
 * The binary elementwise kernels, by name. Each maps one element of a and one of b to one output
 * element; the store rounds to the output's type (float32: one rounding of the float64 result,
 * which for + − × ÷ of float32 operands is the correctly rounded float32 operation). Predicates
 * give 1 or 0.
 */
export const BINARY_FUNCTIONS: Readonly<Record<BinaryKernel, (p: number, q: number) => number>> = {
  add: (p: number, q: number): number => p + q,
  sub: (p: number, q: number): number => p - q,
  mul: (p: number, q: number): number => p * q,
  /** int32 × int32 wraps, as TF.js. */
  mulInt32: Math.imul,
  div: (p: number, q: number): number => p / q,
  /** Division of two integer tensors floors, as TF.js. */
  floorDiv: (p: number, q: number): number => Math.floor(p / q),
  /** NaN if either is NaN; ties (including ±0) go to a. */
  maximum: (p: number, q: number): number => (p !== p || q !== q ? NaN : p >= q ? p : q),
  minimum: (p: number, q: number): number => (p !== p || q !== q ? NaN : p <= q ? p : q),
  /** SameBits' own float32 pow (C99 special cases). */
  pow,
  equal: (p: number, q: number): number => (p === q ? 1 : 0),
  notEqual: (p: number, q: number): number => (p !== q ? 1 : 0),
  greater: (p: number, q: number): number => (p > q ? 1 : 0),
  greaterEqual: (p: number, q: number): number => (p >= q ? 1 : 0),
  less: (p: number, q: number): number => (p < q ? 1 : 0),
  lessEqual: (p: number, q: number): number => (p <= q ? 1 : 0),
  logicalAnd: (p: number, q: number): number => (p !== 0 && q !== 0 ? 1 : 0),
  logicalOr: (p: number, q: number): number => (p !== 0 || q !== 0 ? 1 : 0),
};


/**
 * The unary elementwise kernels, by name; the elementary functions are SameBits' own (DESIGN.md
 * law 3), the store rounds to the output's type. Predicates give 1 or 0.
 */
export const UNARY_FUNCTIONS: Readonly<Record<UnaryKernel, (v: number) => number>> = {
  neg: (v: number): number => -v,
  abs: Math.abs,
  sign: (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : NaN),
  sqrt: Math.sqrt,
  /** NOTE: NaN stays NaN; −0 becomes +0. */
  relu: (v: number): number => (v > 0 ? v : v === v ? 0 : NaN),
  exp, log, log1p, expm1, sigmoid, tanh, softplus, erf,
  logicalNot: (v: number): number => (v === 0 ? 1 : 0),
  isNaN: (v: number): number => (v !== v ? 1 : 0),
  isFinite: (v: number): number => (Number.isFinite(v) ? 1 : 0),
};


/**
 * out[i] = BINARY_FUNCTIONS[name](a[ia], b[ib]) over the row-major elements of `outShape`, with
 * NumPy broadcasting. Reference order: elements are independent; each is one application of the
 * named function.
 */
export function binary(name: BinaryKernel, a: ArrayLike<number>, aShape: readonly number[], b: ArrayLike<number>, bShape: readonly number[], outShape: readonly number[], out: NumericArray): void {
  if (name === 'add' && a.length === out.length && addRows(a, b, bShape, outShape, out)) return;
  binaryBroadcast(a, aShape, b, bShape, outShape, out, BINARY_FUNCTIONS[name]);
}

/**
 * `add` of a full-size a and a b of the same size or of one row (a bias: b's shape, without
 * leading 1s, is out's trailing shape), as direct loops: the same elementwise sums without a call
 * per element (the recurrent layers' bias adds, the backward pass's gradient sums). False for
 * other shapes of b.
 */
function addRows(a: ArrayLike<number>, b: ArrayLike<number>, bShape: readonly number[], outShape: readonly number[], out: NumericArray): boolean {
  const size = out.length;
  const n = b.length;
  if (n === size) {
    for (let i = 0; i < size; i++) out[i] = (a[i] as number) + (b[i] as number);
    return true;
  }
  let lead = 0;
  while (lead < bShape.length && bShape[lead] === 1) lead++;
  const tail = bShape.length - lead;
  if (n === 0 || tail > outShape.length) return false;
  for (let i = 0; i < tail; i++) if (bShape[lead + i] !== outShape[outShape.length - tail + i]) return false;
  for (let r = 0; r < size; r += n) {
    for (let j = 0; j < n; j++) out[r + j] = (a[r + j] as number) + (b[j] as number);
  }
  return true;
}

/** out[i] = UNARY_FUNCTIONS[name](x[i]). Reference order: elements are independent. */
export function unary(name: UnaryKernel, x: ArrayLike<number>, out: NumericArray): void {
  unaryMap(x, out, UNARY_FUNCTIONS[name]);
}

/**
 * out[i] = x[i] clamped into [lo, hi] (NaN stays NaN). Reference order: elements are independent;
 * comparisons are exact.
 */
export function clip(x: ArrayLike<number>, out: NumericArray, lo: number, hi: number): void {
  unaryMap(x, out, (v) => (v !== v ? NaN : v < lo ? lo : v > hi ? hi : v));
}

/**
 * out = condition ? a : b elementwise, broadcasting all three (`where`). Reference order:
 * elements are independent; no arithmetic.
 */
export function select(c: ArrayLike<number>, cShape: readonly number[], a: ArrayLike<number>, aShape: readonly number[], b: ArrayLike<number>, bShape: readonly number[], outShape: readonly number[], out: NumericArray): void {
  ternaryBroadcast(c, cShape, a, aShape, b, bShape, outShape, out, (k, p, q) => (k ? p : q));
}

/** out = x repeated along broadcast axes to `outShape` (NumPy rules). Pure data movement. */
export function broadcastTo(x: ArrayLike<number>, shape: readonly number[], outShape: readonly number[], out: NumericArray): void {
  binaryBroadcast(x, shape, [0], [], outShape, out, (v) => v);
}
