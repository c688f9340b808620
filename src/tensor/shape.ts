/** A tensor's shape: one non-negative integer per axis, outermost first. */
export type Shape = readonly number[];

/**
 * Number of elements in a tensor of `shape` (1 for a scalar).
 * @example sizeOf([2, 3]) // 6
 */
export function sizeOf(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

export { stridesOf } from '../kernels/strides.js';

/** Formats a shape the way error messages quote it: `[32,4]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

/** True when both shapes have the same rank and extents. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Most elements one tensor may hold: 2^31 − 1, the typed-array length every JavaScript engine
 * SameBits runs on supports (and the largest an int32 index reaches).
 */
export const MAX_TENSOR_ELEMENTS = 2_147_483_647;

/**
 * Checks that every extent is a non-negative integer and that the tensor holds at most
 * `MAX_TENSOR_ELEMENTS`; throws naming `context` (the op, tensor or weight) otherwise.
 * @example assertValidShape([2, -1], 'zeros') // throws: zeros: shape [2,-1] ...
 */
export function assertValidShape(shape: Shape, context: string): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new Error(`${context}: shape ${formatShape(shape)} is invalid; expected non-negative integer extents, received ${String(d)}`);
    }
  }
  assertTensorSize(sizeOf(shape), context, formatShape(shape));
}

/** Throws naming `context` when `size` elements are more than one tensor may hold. */
export function assertTensorSize(size: number, context: string, shape = `of ${size} elements`): void {
  if (size > MAX_TENSOR_ELEMENTS) {
    throw new Error(`${context}: shape ${shape} has ${size} elements, more than the ${MAX_TENSOR_ELEMENTS} (2^31 - 1) a tensor may hold; use a smaller shape`);
  }
}

/**
 * Resolves a possibly negative axis against `rank` (−1 is the last axis); throws naming `context`
 * when out of range.
 */
export function normalizeAxis(axis: number, rank: number, context: string): number {
  if (typeof axis !== 'number') throw new Error(`${context}: axis must be an integer. Received: ${JSON.stringify(axis)} (${typeof axis})`);
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new Error(`${context}: axis ${String(axis)} is out of range for a tensor of rank ${rank}; expected an integer in [${-rank}, ${Math.max(rank - 1, 0)}]`);
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * Resolves `axis` (one, several, or undefined for all) into sorted, distinct, non-negative axes.
 */
export function normalizeAxes(axis: number | readonly number[] | undefined | null, rank: number, context: string): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  if (!Array.isArray(list)) throw new Error(`${context}: axis must be an integer or an array of integers. Received: ${JSON.stringify(axis)} (${typeof axis})`);
  const axes = list.map((a) => normalizeAxis(a, rank, context));
  axes.sort((p, q) => p - q);
  for (let i = 1; i < axes.length; i++) {
    if (axes[i] === axes[i - 1]) throw new Error(`${context}: axis ${String(axes[i])} is repeated in ${JSON.stringify(list)}`);
  }
  return axes;
}
