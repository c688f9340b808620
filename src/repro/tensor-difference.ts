import type { DataType, TypedArray } from '../tensor/dtype.js';

/** How far apart two tensors of one shape are. */
export interface DifferenceSize {
  /** Elements compared. */
  elements: number;
  /** Elements whose bits differ (−0 vs +0 counts; two NaNs with different payloads do not). */
  differing: number;
  /** Largest |a − b| (Infinity when one side is infinite). */
  maxAbs: number;
  /** Largest |a − b| / max(|a|, |b|). */
  maxRel: number;
  /** Largest distance in float32 units in the last place (int32: the integer difference). */
  maxUlps: number;
  /** Elements that are NaN on one side only (left out of the maxima above). */
  nanMismatches: number;
}

/** A float32's position on the number line, in ulps: consecutive floats differ by 1, ±0 are both 0. */
function ordinal(bits: number): number {
  return bits & 0x80000000 ? -(bits & 0x7fffffff) : bits;
}

/**
 * Measures the difference between two tensors' elements, bit for bit first: elements whose bits
 * agree contribute nothing.
 * @example measureDifference(Float32Array.of(1), Float32Array.of(Math.fround(1 + 2 ** -23)), 'float32').maxUlps // 1
 */
export function measureDifference(a: TypedArray, b: TypedArray, dtype: DataType): DifferenceSize {
  if (a.length !== b.length) throw new Error(`measureDifference: the tensors have ${a.length} and ${b.length} elements`);
  const size: DifferenceSize = { elements: a.length, differing: 0, maxAbs: 0, maxRel: 0, maxUlps: 0, nanMismatches: 0 };
  const bitsA = dtype === 'float32' ? new Uint32Array(a.buffer, a.byteOffset, a.length) : undefined;
  const bitsB = dtype === 'float32' ? new Uint32Array(b.buffer, b.byteOffset, b.length) : undefined;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (bitsA && bitsB) {
      if (bitsA[i] === bitsB[i] || (Number.isNaN(x) && Number.isNaN(y))) continue;
    } else if (x === y) continue;
    size.differing++;
    if (Number.isNaN(x) !== Number.isNaN(y)) {
      size.nanMismatches++;
      continue;
    }
    const abs = Math.abs(x - y);
    const scale = Math.max(Math.abs(x), Math.abs(y));
    size.maxAbs = Math.max(size.maxAbs, Number.isNaN(abs) ? Infinity : abs); // Infinity − Infinity
    if (scale > 0) size.maxRel = Math.max(size.maxRel, Number.isNaN(abs) ? Infinity : abs / scale);
    const ulps = bitsA && bitsB ? Math.abs(ordinal(bitsA[i] as number) - ordinal(bitsB[i] as number)) : abs;
    size.maxUlps = Math.max(size.maxUlps, ulps);
  }
  return size;
}
