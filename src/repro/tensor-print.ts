import type { DataType, TypedArray } from '../tensor/dtype.js';
import type { Tensor } from '../ops/tensor.js';
import { fromBase64, toBase64 } from '../util/base64.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalBytes } from './fingerprint.js';
import type { TensorGroup, TensorPrint } from './log-format.js';

/** SHA-256 (lowercase hex) of byte strings taken one after another; any correct implementation gives the same hex. */
export type Sha256 = (parts: readonly Uint8Array[]) => string;

/** SHA-256 in pure JavaScript (@noble/hashes): available at once, where `fastSha256` must load first. */
export function pureSha256(parts: readonly Uint8Array[]): string {
  const h = sha256.create();
  for (const p of parts) h.update(p);
  return bytesToHex(h.digest());
}

/**
 * The fastest SHA-256 at hand: Node's `crypto` where it exists (about 20 times faster than
 * the pure-JavaScript one on large tensors), else @noble/hashes. Both give the same hex.
 */
export async function fastSha256(): Promise<Sha256> {
  try {
    const specifier = 'node:crypto'; // computed, so browser bundlers leave it out
    const { createHash } = (await import(/* @vite-ignore */ specifier)) as typeof import('node:crypto');
    return (parts) => {
      const h = createHash('sha256');
      for (const p of parts) h.update(p);
      return h.digest('hex');
    };
  } catch {
    return pureSha256;
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const DTYPE_CODE = { float32: 1, int32: 2, bool: 3 } as const;

/**
 * `canonicalBytes([{ name: '', tensor }])` in two parts, header and elements, without copying
 * the elements on little-endian hosts (all current ones): there the storage bytes already are
 * the canonical little-endian bit patterns. A test checks the equality with canonicalBytes.
 */
export function canonicalParts(tensor: Tensor): [Uint8Array, Uint8Array] {
  if (!LITTLE_ENDIAN || hasNaN(tensor)) { // canonicalBytes writes every NaN as the one quiet NaN
    const bytes = canonicalBytes([{ name: '', tensor }]);
    const cut = 12 + 4 * tensor.rank;
    return [bytes.subarray(0, cut), bytes.subarray(cut)];
  }
  const header = new DataView(new ArrayBuffer(12 + 4 * tensor.rank));
  header.setUint32(0, 0, true); // the name's length: no name
  header.setUint32(4, DTYPE_CODE[tensor.dtype], true);
  header.setUint32(8, tensor.rank, true);
  tensor.shape.forEach((d, i) => header.setUint32(12 + 4 * i, d, true));
  const v = tensor.values;
  return [new Uint8Array(header.buffer), new Uint8Array(v.buffer, v.byteOffset, v.byteLength)];
}

function hasNaN(tensor: Tensor): boolean {
  if (tensor.dtype !== 'float32') return false;
  const v = tensor.values;
  for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) return true;
  return false;
}

/** Base64 through Node's Buffer where there is one (several times faster), else our own encoder. */
function base64(bytes: Uint8Array): string {
  const B = (globalThis as { Buffer?: { from(b: ArrayBufferLike, o: number, l: number): { toString(e: string): string } } }).Buffer;
  return B ? B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') : toBase64(bytes);
}

/** What to print of one tensor. */
export interface PrintOptions {
  group: TensorGroup;
  layer: string;
  name: string;
  sha256: Sha256;
  /** Store the element bytes too (for sizes of differences in `diffLogs`). */
  withValues: boolean;
}

/** The fingerprint (and optionally the bytes) of one tensor, as the fingerprint log holds it. */
export function printTensor(tensor: Tensor, options: PrintOptions): TensorPrint {
  const parts = canonicalParts(tensor);
  const print: TensorPrint = {
    group: options.group, layer: options.layer, name: options.name, dtype: tensor.dtype, shape: tensor.shape.slice(), sha256: options.sha256(parts),
  };
  if (options.withValues) print.values = base64(parts[1]);
  return print;
}

/** The elements stored in a print's `values`, or undefined when the log holds none. */
export function printValues(print: TensorPrint): TypedArray | undefined {
  if (print.values === undefined) return undefined;
  const bytes = fromBase64(print.values);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return decode(print.dtype, view, bytes);
}

function decode(dtype: DataType, view: DataView, bytes: Uint8Array): TypedArray {
  if (dtype === 'bool') return bytes.slice();
  const n = bytes.length / 4;
  if (dtype === 'int32') {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getInt32(4 * i, true);
    return out;
  }
  // Through the bit pattern, so that NaN payloads and −0 survive unchanged.
  const out = new Float32Array(n);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) bits[i] = view.getUint32(4 * i, true);
  return out;
}
