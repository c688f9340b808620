/**
 * Weight bytes in the TF.js layout (`io.encodeWeights` / `io.decodeWeights`): each tensor's
 * elements row-major, little-endian, concatenated in spec order with no header or padding;
 * float32 and int32 take 4 bytes, bool 1.
 */

import { describeValue } from '../initializers/validate.js';
import { Tensor } from '../ops/tensor.js';
import { ModelFileError } from './errors.js';
import type { CheckedSpec } from './specs.js';
import { checkSpecs } from './specs.js';
import type { NamedWeight, WeightGroup, WeightsManifestEntry } from './types.js';

// NOTE: typed arrays use the host's byte order; the file format is little-endian. Every host
// SameBits runs on is little-endian, but a big-endian one takes the DataView path below.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The weights' bytes and specs, ready for a model file or `ModelArtifacts`. */
export interface EncodedWeights {
  data: ArrayBuffer;
  specs: WeightsManifestEntry[];
}

/**
 * Encodes named tensors (a list, or an object in key order) in the TF.js byte layout; `group`
 * marks every spec (TF.js writes `'optimizer'` for optimizer state).
 * @example encodeWeights([{ name: 'dense/bias', tensor: zeros([3]) }]) // 12 bytes, one spec
 */
export function encodeWeights(tensors: readonly NamedWeight<Tensor>[] | Record<string, Tensor>, group?: WeightGroup): EncodedWeights {
  const list = Array.isArray(tensors) ? (tensors as readonly NamedWeight<Tensor>[]) : Object.entries(tensors).map(([name, tensor]) => ({ name, tensor: tensor as Tensor }));
  const specs: WeightsManifestEntry[] = list.map(({ name, tensor }, i) => {
    if (typeof name !== 'string' || !(tensor instanceof Tensor)) throw new Error(`encodeWeights: entry ${i} must be {name: string, tensor: Tensor}, received ${describeValue({ name, tensor: typeof tensor })}`);
    const spec: WeightsManifestEntry = { name, shape: tensor.shape.slice(), dtype: tensor.dtype };
    if (group !== undefined) spec.group = group;
    return spec;
  });
  const total = list.reduce((n, { tensor }) => n + tensor.size * (tensor.dtype === 'bool' ? 1 : 4), 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const { tensor } of list) offset = writeValues(out, offset, tensor);
  return { data: out.buffer, specs };
}

function writeValues(out: Uint8Array, offset: number, tensor: Tensor): number {
  const v = tensor.values;
  if (tensor.dtype === 'bool' || LITTLE_ENDIAN) {
    out.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), offset);
    return offset + v.byteLength;
  }
  const view = new DataView(out.buffer, offset, v.length * 4);
  for (let i = 0; i < v.length; i++) {
    if (tensor.dtype === 'float32') view.setFloat32(i * 4, v[i] as number, true);
    else view.setInt32(i * 4, v[i] as number, true);
  }
  return offset + v.length * 4;
}

/** One buffer from one or several (TF.js `WeightData`). */
export function concatBuffers(data: ArrayBuffer | readonly ArrayBuffer[]): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  const total = data.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}

/**
 * Decodes weight bytes by their specs, after checking both: every spec's fields, and that the
 * specs use exactly the bytes given (truncated or overlong data is refused). Nothing is
 * allocated beyond what the data itself holds. Quantized weights (uint8, uint16, float16) are
 * dequantized to float32 (int32: rounded). `file` names the data in error messages.
 * @example decodeWeights(encoded.data, encoded.specs)[0].name // 'dense/bias'
 */
export function decodeWeights(data: ArrayBuffer | readonly ArrayBuffer[], specs: readonly WeightsManifestEntry[], file = 'weightData'): NamedWeight<Tensor>[] {
  if (!(data instanceof ArrayBuffer) && !(Array.isArray(data) && data.every((b) => b instanceof ArrayBuffer))) {
    throw new ModelFileError(file, `weight data must be an ArrayBuffer or an array of them, received ${describeValue(data)}`);
  }
  const buffer = concatBuffers(data);
  const checked = checkSpecs(file, specs, buffer.byteLength);
  let offset = 0;
  return checked.map((spec) => {
    const tensor = new Tensor(readValues(buffer, offset, spec), spec.shape, spec.dtype);
    offset += spec.bytes;
    return { name: spec.name, tensor, group: spec.group };
  });
}

function readValues(buffer: ArrayBuffer, offset: number, spec: CheckedSpec): Float32Array | Int32Array | Uint8Array {
  const n = spec.size;
  const view = new DataView(buffer, offset, spec.bytes);
  const q = spec.quantization;
  if (q) {
    const out = spec.dtype === 'int32' ? new Int32Array(n) : new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (q.dtype === 'float16') out[i] = float16ToNumber(view.getUint16(i * 2, true));
      else {
        const stored = q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(i * 2, true);
        // As TF.js: q·scale + min in float64, then one rounding to the storage type.
        const value = stored * (q.scale as number) + (q.min as number);
        out[i] = spec.dtype === 'int32' ? Math.round(value) : value;
      }
    }
    return out;
  }
  if (spec.dtype === 'bool') return Uint8Array.from(new Uint8Array(buffer, offset, n), (b) => (b !== 0 ? 1 : 0));
  if (LITTLE_ENDIAN) {
    const copy = buffer.slice(offset, offset + spec.bytes);
    return spec.dtype === 'float32' ? new Float32Array(copy) : new Int32Array(copy);
  }
  const out = spec.dtype === 'float32' ? new Float32Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = spec.dtype === 'float32' ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * An IEEE 754 binary16 value, exactly (every half is a float32): subnormals as m·2⁻²⁴, the rest
 * by moving sign, exponent (rebiased 15 → 127) and mantissa into float32 bits.
 * @example float16ToNumber(0x3c00) // 1
 */
export function float16ToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * (mantissa / 16777216);
  u32[0] = ((h & 0x8000) << 16) | (exponent === 31 ? 0x7f800000 : (exponent + 112) << 23) | (mantissa << 13);
  return f32[0] as number;
}
