import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { utf8Bytes } from '../util/utf8.js';
import type { DataType } from './dtype.js';
import type { TensorBase as Tensor } from './tensor.js';

/** A tensor with the name it is fingerprinted under (e.g. `dense/kernel`). */
export interface NamedTensor {
  name: string;
  tensor: Tensor;
}

const DTYPE_CODE: Record<DataType, number> = { float32: 1, int32: 2, bool: 3 };

/** The bits every NaN is written as: the quiet NaN. */
const CANONICAL_NAN = 0x7fc00000;

/**
 * The canonical bytes of named tensors, in the order given. Per tensor, all integers uint32
 * little-endian: the name's UTF-8 byte length and bytes; a dtype code (float32 1, int32 2,
 * bool 3); the rank and each extent; then the elements row-major: float32 and int32 as 4
 * little-endian bytes each (float32 by its IEEE bit pattern, so −0 counts; every NaN is written
 * as the quiet NaN 0x7fc00000, since NaN-ness is part of the contract and its payload is not),
 * bool as one byte each. The layout is independent of the host's byte order.
 */
export function canonicalBytes(tensors: readonly NamedTensor[]): Uint8Array {
  const names = tensors.map((t) => utf8Bytes(t.name));
  let length = 0;
  tensors.forEach(({ tensor }, i) => {
    length += 4 + (names[i] as Uint8Array).length + 4 + 4 + 4 * tensor.rank + (tensor.dtype === 'bool' ? 1 : 4) * tensor.size;
  });
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const u32 = (v: number): void => { view.setUint32(at, v, true); at += 4; };
  tensors.forEach(({ tensor }, i) => {
    const name = names[i] as Uint8Array;
    u32(name.length);
    bytes.set(name, at);
    at += name.length;
    u32(DTYPE_CODE[tensor.dtype]);
    u32(tensor.rank);
    for (const d of tensor.shape) u32(d);
    const values = tensor.values;
    if (tensor.dtype === 'bool') {
      bytes.set(values, at);
      at += values.length;
    } else if (tensor.dtype === 'int32') {
      for (let j = 0; j < values.length; j++) { view.setInt32(at, values[j] as number, true); at += 4; }
    } else {
      const f = values as Float32Array;
      const bits = new Uint32Array(f.buffer, f.byteOffset, f.length);
      // NOTE: every NaN as the one quiet NaN: payloads and the sign of a NaN are not part of the
      // contract (DESIGN.md law 3) and differ between kernel sets and CPUs (x86 makes −NaN).
      for (let j = 0; j < bits.length; j++) u32(f[j] !== f[j] ? CANONICAL_NAN : (bits[j] as number));
    }
  });
  return bytes;
}

/**
 * SHA-256 (lowercase hex) of `canonicalBytes(tensors)`: equal fingerprints mean the same names,
 * shapes, dtypes and bit-identical values. Synchronous, the same in Node and browsers.
 * @example fingerprintTensors([{ name: 'w', tensor: ones([2]) }]) // '3f…'
 */
export function fingerprintTensors(tensors: readonly NamedTensor[]): string {
  return sha256Hex(canonicalBytes(tensors));
}

/** SHA-256 of bytes as lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}
