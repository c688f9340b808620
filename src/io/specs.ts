/**
 * Checks of weight specs from a file, before any memory is allocated for them: every field's
 * type, and each weight's byte length against the bytes that are really there.
 */

import { describeValue } from '../initializers/validate.js';
import { ModelFileError } from './errors.js';
import type { WeightGroup, WeightQuantization, WeightsManifestEntry } from './types.js';

/** A spec that passed the checks: the values SameBits reads, and its size in bytes. */
export interface CheckedSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  group: WeightGroup;
  quantization: WeightQuantization | undefined;
  size: number;
  bytes: number;
}

/** Bytes per stored element of a spec: the quantized type's, else the dtype's. */
function bytesPerElement(dtype: CheckedSpec['dtype'], q: WeightQuantization | undefined): number {
  if (q) return q.dtype === 'uint8' ? 1 : 2;
  return dtype === 'bool' ? 1 : 4;
}

function quantizationOf(file: string, where: string, dtype: CheckedSpec['dtype'], q: unknown): WeightQuantization | undefined {
  if (q === undefined || q === null) return undefined;
  const ok = typeof q === 'object' && !Array.isArray(q);
  const kind = ok ? (q as { dtype?: unknown }).dtype : undefined;
  if (!ok || (kind !== 'uint8' && kind !== 'uint16' && kind !== 'float16')) {
    throw new ModelFileError(file, `${where}: quantization must be {dtype: 'uint8' | 'uint16' | 'float16', scale?, min?}, received ${describeValue(q)}`);
  }
  if (dtype === 'bool' || (dtype === 'int32' && kind === 'float16')) {
    throw new ModelFileError(file, `${where}: a ${dtype} weight cannot be stored as ${kind}`);
  }
  const { scale, min } = q as { scale?: unknown; min?: unknown };
  if (kind !== 'float16' && (typeof scale !== 'number' || !Number.isFinite(scale) || typeof min !== 'number' || !Number.isFinite(min))) {
    throw new ModelFileError(file, `${where}: ${kind} quantization needs finite numbers scale and min, received ${describeValue(q)}`);
  }
  return kind === 'float16' ? { dtype: kind } : { dtype: kind, scale: scale as number, min: min as number };
}

/**
 * Number of elements of `shape`, or -1 once it passes `limit` (checked while multiplying, so
 * absurd shapes such as [1e12, 1e12] never overflow into a wrong, small count).
 */
function boundedSize(shape: readonly number[], limit: number): number {
  if (shape.includes(0)) return 0;
  let size = 1;
  for (const d of shape) {
    size *= d;
    if (size > limit) return -1;
  }
  return size;
}

/** A spec whose fields passed the checks; its size is not known to fit yet. */
export type ParsedSpec = Omit<CheckedSpec, 'size' | 'bytes'> & { bytesPerElement: number };

/** Checks the fields of spec `index` of `file` (name, shape, dtype, group, quantization). */
export function parseSpec(file: string, spec: unknown, index: number): ParsedSpec {
  let where = `weight ${index}`;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new ModelFileError(file, `${where} must be {name, shape, dtype}, received ${describeValue(spec)}`);
  const s = spec as Partial<Record<keyof WeightsManifestEntry, unknown>>;
  if (typeof s.name !== 'string' || s.name === '') throw new ModelFileError(file, `${where}: name must be a non-empty string, received ${describeValue(s.name)}`);
  where = `weight ${index} '${s.name}'`;
  const shape = s.shape;
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    throw new ModelFileError(file, `${where}: shape must be an array of non-negative integers, received ${describeValue(shape)}`);
  }
  const dtype = s.dtype;
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool') {
    const why = dtype === 'string' || dtype === 'complex64' ? 'SameBits has no such tensors' : 'expected float32, int32 or bool';
    throw new ModelFileError(file, `${where}: unsupported dtype ${describeValue(dtype)}; ${why}`);
  }
  const group = s.group ?? 'model';
  if (group !== 'model' && group !== 'optimizer') throw new ModelFileError(file, `${where}: group must be 'model' or 'optimizer', received ${describeValue(group)}`);
  const quantization = quantizationOf(file, where, dtype, s.quantization);
  return { name: s.name, shape: (shape as number[]).slice(), dtype, group, quantization, bytesPerElement: bytesPerElement(dtype, quantization) };
}

/** Bytes `spec` takes, or -1 when that is more than `available` (absurd shapes included). */
export function specBytes(spec: ParsedSpec, available: number): number {
  const size = boundedSize(spec.shape, Math.floor(available / spec.bytesPerElement));
  return size < 0 ? -1 : size * spec.bytesPerElement;
}

/** Describes a spec in messages: `'dense/kernel' [4, 3] float32`. */
export function describeSpec(spec: ParsedSpec): string {
  return `'${spec.name}' [${spec.shape.join(', ')}] ${spec.dtype}${spec.quantization ? ` (stored as ${spec.quantization.dtype})` : ''}`;
}

/**
 * Checks spec `index` of `file` and returns it with its byte length. `available` is the number
 * of bytes left for it: a spec that would need more throws (the data is truncated, or the shape
 * is absurd), naming the weight, its shape and the bytes left.
 */
export function checkSpec(file: string, spec: unknown, index: number, available: number): CheckedSpec {
  const parsed = parseSpec(file, spec, index);
  const bytes = specBytes(parsed, available);
  if (bytes < 0) {
    throw new ModelFileError(file, `weight ${index} ${describeSpec(parsed)} needs more than the ${available} bytes left in the weight data: the data is truncated or the shape is wrong`);
  }
  const { bytesPerElement: per, ...rest } = parsed;
  return { ...rest, size: bytes / per, bytes };
}

/**
 * Checks every spec against `totalBytes` of weight data: the specs must use up exactly those
 * bytes (a shorter or longer file is refused), names must be unique within a group.
 */
export function checkSpecs(file: string, specs: unknown, totalBytes: number): CheckedSpec[] {
  if (!Array.isArray(specs)) throw new ModelFileError(file, `weight specs must be an array, received ${describeValue(specs)}`);
  const out: CheckedSpec[] = [];
  const seen = new Set<string>();
  let offset = 0;
  specs.forEach((spec: unknown, i) => {
    const checked = checkSpec(file, spec, i, totalBytes - offset);
    const key = `${checked.group}/${checked.name}`;
    if (seen.has(key)) throw new ModelFileError(file, `weight name '${checked.name}' appears twice in the ${checked.group} weights`);
    seen.add(key);
    offset += checked.bytes;
    out.push(checked);
  });
  if (offset !== totalBytes) {
    throw new ModelFileError(file, `the weight data holds ${totalBytes} bytes but its ${out.length} weight specs describe ${offset}: the data is longer than the manifest says`);
  }
  return out;
}
