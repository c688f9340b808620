import type { MutableArrayLike } from '../random/index.js';
import { nextGlobalKey, permutation, shuffleInPlace } from '../random/index.js';
import type { DataType, TypedArray } from '../tensor/dtype.js';
import { allocate } from '../tensor/dtype.js';
import type { Shape } from '../tensor/shape.js';
import { formatShape, shapesEqual, sizeOf, stridesOf } from '../tensor/shape.js';
import type { NestedArray } from '../tensor/tensor.js';

/**
 * Throws `new Error(msg())` when `expr` is false (TF.js `tf.util.assert`; the message is a
 * function so it is built only on failure).
 * @example util.assert(x.rank === 2, () => `expected rank 2, received ${x.rank}`)
 */
function assert(expr: boolean, msg: () => string): asserts expr {
  if (!expr) throw new Error(typeof msg === 'string' ? msg : msg());
}

/** Throws unless the two shapes are equal, with `errorMessagePrefix` before the shapes. */
function assertShapesMatch(shapeA: Shape, shapeB: Shape, errorMessagePrefix = ''): void {
  assert(shapesEqual(shapeA, shapeB), () => `${errorMessagePrefix} Shapes ${formatShape(shapeA)} and ${formatShape(shapeB)} must match`);
}

/**
 * Shuffles `array` in place (TF.js `tf.util.shuffle`). TF.js draws from `Math.random`; here the
 * permutation is a pure function of the global seed and the call's index since `setRandomSeed`
 * (purpose `util/shuffle`), so the same program shuffles the same way every run.
 * @example const idx = [0, 1, 2, 3]; util.shuffle(idx);
 */
function shuffle<T>(array: MutableArrayLike<T>): void {
  shuffleInPlace(nextGlobalKey('util/shuffle'), array);
}

/**
 * Shuffles two arrays of equal length in place by the same permutation (TF.js
 * `tf.util.shuffleCombo`); seeded like `shuffle` (purpose `util/shuffleCombo`).
 */
function shuffleCombo<T, U>(array: MutableArrayLike<T>, array2: MutableArrayLike<U>): void {
  assert(array.length === array2.length, () => `Array sizes must match to be shuffled together. First array length was ${array.length}. Second array length was ${array2.length}`);
  const order = permutation(nextGlobalKey('util/shuffleCombo'), array.length);
  const first = Array.from({ length: array.length }, (_, i) => array[order[i]!]!);
  const second = Array.from({ length: array2.length }, (_, i) => array2[order[i]!]!);
  for (let i = 0; i < first.length; i++) { array[i] = first[i]!; array2[i] = second[i]!; }
}

/**
 * The indices 0 … n − 1 in a random order (TF.js `tf.util.createShuffledIndices`), seeded like
 * `shuffle` (purpose `util/createShuffledIndices`).
 */
function createShuffledIndices(n: number): Uint32Array {
  return Uint32Array.from(permutation(nextGlobalKey('util/createShuffledIndices'), n));
}

/** Number of elements of a tensor of `shape`. @example util.sizeFromShape([2, 3]) // 6 */
function sizeFromShape(shape: Shape): number {
  return sizeOf(shape);
}

/** Whether `shape` is a scalar's (`[]`). */
function isScalarShape(shape: Shape): boolean {
  return shape.length === 0;
}

/** Whether two arrays have the same length and elements (`===`). */
function arraysEqual(a: ArrayLike<unknown>, b: ArrayLike<unknown>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

type Nested<T> = T | readonly Nested<T>[];

/**
 * Flattens nested arrays (and typed arrays inside them) into one array, depth first (TF.js
 * `tf.util.flatten`). @example util.flatten([[1, 2], [3]]) // [1, 2, 3]
 */
function flatten<T>(arr: Nested<T> | TypedArray, result: T[] = []): T[] {
  if (Array.isArray(arr) || ArrayBuffer.isView(arr)) {
    const list = arr as ArrayLike<Nested<T>>;
    for (let i = 0; i < list.length; i++) flatten(list[i] as Nested<T>, result);
  } else {
    result.push(arr as T);
  }
  return result;
}

/** `x` clamped to [min, max]. */
function clamp(min: number, x: number, max: number): number {
  return Math.max(min, Math.min(x, max));
}

/** The sum of an array's numbers, left to right in float64 (TF.js `tf.util.sum`). */
function sum(arr: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < arr.length; i++) s += arr[i]!;
  return s;
}

/** Squared Euclidean distance between two equal-length arrays, accumulated left to right. */
function distSquared(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let result = 0;
  for (let i = 0; i < a.length; i++) { const d = a[i]! - b[i]!; result += d * d; }
  return result;
}

/** `size` if even, else `size + 1`. */
function nearestLargerEven(size: number): number {
  return size % 2 === 0 ? size : size + 1;
}

/** Whether `a` is an integer. */
function isInt(a: number): boolean {
  return a % 1 === 0;
}

/** `a` padded on the right with spaces to `size` characters. */
function rightPad(a: string, size: number): string {
  return a.length >= size ? a : a + ' '.repeat(size - a.length);
}

/** Row-major strides of `shape` without the last (always 1), as TF.js's `computeStrides`. */
function computeStrides(shape: Shape): number[] {
  return [...stridesOf(shape)].slice(0, -1);
}

/** Whether `a` is a Float32Array, Int32Array, Uint8Array or Uint8ClampedArray. */
function isTypedArray(a: unknown): a is TypedArray {
  return a instanceof Float32Array || a instanceof Int32Array || a instanceof Uint8Array || a instanceof Uint8ClampedArray;
}
function isString(value: unknown): value is string { return typeof value === 'string'; }
function isBoolean(value: unknown): value is boolean { return typeof value === 'boolean'; }
function isNumber(value: unknown): value is number { return typeof value === 'number'; }
function isFunction(f: unknown): boolean { return typeof f === 'function'; }

/** The dtype TF.js infers for values: int32 for Int32Array/Uint8Array, bool for booleans, else float32. */
function inferDtype(values: unknown): DataType {
  if (Array.isArray(values)) return inferDtype(values[0]);
  if (values instanceof Int32Array || values instanceof Uint8Array || values instanceof Uint8ClampedArray) return 'int32';
  return typeof values === 'boolean' ? 'bool' : 'float32';
}

/** A zero-filled typed array of `size` elements of `dtype`. */
function makeZerosTypedArray(size: number, dtype: DataType): TypedArray {
  return allocate(dtype, size);
}

/** A one-filled typed array of `size` elements of `dtype`. */
function makeOnesTypedArray(size: number, dtype: DataType): TypedArray {
  return allocate(dtype, size).fill(1);
}

/** Nested arrays of `shape` from flat row-major values (TF.js `tf.util.toNestedArray`). */
function toNestedArray(shape: Shape, a: ArrayLike<number>): NestedArray {
  if (shape.length === 0) return a[0]!;
  assert(sizeOf(shape) === a.length, () => `[${formatShape(shape)}] does not match the input size ${a.length}.`);
  const build = (offset: number, axis: number): NestedArray => {
    if (axis === shape.length) return a[offset]!;
    const step = sizeOf(shape.slice(axis + 1));
    return Array.from({ length: shape[axis]! }, (_, i) => build(offset + i * step, axis + 1));
  };
  return build(0, 0);
}

/** TF.js `tf.util`: the helpers ported code calls, with `shuffle` seeded from the global seed. */
export interface UtilNamespace {
  assert: (expr: boolean, msg: () => string) => asserts expr;
  assertShapesMatch: typeof assertShapesMatch;
  shuffle: typeof shuffle;
  shuffleCombo: typeof shuffleCombo;
  createShuffledIndices: typeof createShuffledIndices;
  sizeFromShape: typeof sizeFromShape;
  isScalarShape: typeof isScalarShape;
  arraysEqual: typeof arraysEqual;
  flatten: typeof flatten;
  clamp: typeof clamp;
  sum: typeof sum;
  distSquared: typeof distSquared;
  nearestLargerEven: typeof nearestLargerEven;
  isInt: typeof isInt;
  rightPad: typeof rightPad;
  computeStrides: typeof computeStrides;
  isTypedArray: typeof isTypedArray;
  isString: typeof isString;
  isBoolean: typeof isBoolean;
  isNumber: typeof isNumber;
  isFunction: typeof isFunction;
  inferDtype: typeof inferDtype;
  makeZerosTypedArray: typeof makeZerosTypedArray;
  makeOnesTypedArray: typeof makeOnesTypedArray;
  toNestedArray: typeof toNestedArray;
}

/**
 * TF.js's `tf.util` helpers. Everything is as in TF.js except that the shuffles draw from the
 * global seed instead of `Math.random` (README, "Differences from TF.js").
 * @example setRandomSeed(1); util.shuffle(indices); // the same order every run
 */
export const util: UtilNamespace = Object.freeze({
  assert, assertShapesMatch, shuffle, shuffleCombo, createShuffledIndices, sizeFromShape, isScalarShape,
  arraysEqual, flatten, clamp, sum, distSquared, nearestLargerEven, isInt, rightPad, computeStrides,
  isTypedArray, isString, isBoolean, isNumber, isFunction, inferDtype, makeZerosTypedArray,
  makeOnesTypedArray, toNestedArray,
});
