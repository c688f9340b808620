import { sha256 } from '@noble/hashes/sha2.js';
import { Tensor } from '../ops/tensor.js';
import { utf8Bytes } from '../util/utf8.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Hex of bytes. */
export function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

interface Hash {
  update(bytes: Uint8Array): unknown;
}

/** Little-endian bytes of 4-byte words (host order swapped on a big-endian host). */
function wordBytes(values: Float32Array | Int32Array | Float64Array): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const width = values.BYTES_PER_ELEMENT;
  const out = bytes.slice();
  for (let i = 0; i < out.length; i += width) out.subarray(i, i + width).reverse();
  return out;
}

/**
 * Feeds an element's canonical bytes to `h`: a tag and shape per node, tensors' and typed
 * arrays' little-endian values, numbers as float64, object keys in their order. Two elements
 * hash alike only when they would batch to the same tensors.
 */
function feed(h: Hash, v: unknown): void {
  const tag = (text: string): void => void h.update(utf8Bytes(text));
  if (v instanceof Tensor) {
    tag(`T${v.dtype}[${v.shape.join(',')}]`);
    h.update(v.values instanceof Uint8Array ? v.values : wordBytes(v.values));
  } else if (v instanceof Float32Array || v instanceof Int32Array) {
    tag(`${v instanceof Float32Array ? 'F' : 'I'}${v.length}:`);
    h.update(wordBytes(v));
  } else if (v instanceof Uint8Array) {
    tag(`U${v.length}:`);
    h.update(v);
  } else if (typeof v === 'number') {
    tag('n');
    h.update(wordBytes(new Float64Array([v])));
  } else if (Array.isArray(v)) {
    tag(`[${v.length}`);
    for (const e of v) feed(h, e);
  } else if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    tag(`{${keys.length}`);
    for (const k of keys) {
      tag(`${JSON.stringify(k)}:`);
      feed(h, (v as Record<string, unknown>)[k]);
    }
  } else {
    tag(`${typeof v}:${JSON.stringify(v) ?? 'undefined'};`);
  }
}

/**
 * SHA-256 (hex) of a list of elements, in order.
 * @example digestElements([1, 2, 3]) // '5f1e…'
 */
export function digestElements(elements: readonly unknown[]): string {
  const h = sha256.create();
  h.update(utf8Bytes(`elements ${elements.length}\n`));
  for (const e of elements) feed(h, e);
  return hex(h.digest());
}

/**
 * The next link of a hash chain over a stream of elements: SHA-256(previous ‖ element's bytes).
 * fitDataset keeps one per pass, so a resume can check that replaying the pass up to the
 * checkpoint gives the same elements.
 * @example let d = chainStart(); for (const b of batches) d = chainDigest(d, b);
 */
export function chainDigest(previous: string, element: unknown): string {
  const h = sha256.create();
  h.update(utf8Bytes(previous));
  feed(h, element);
  return hex(h.digest());
}

/** The first link of a chain (no elements yet). */
export const CHAIN_START: string = hex(sha256(utf8Bytes('samebits dataset chain')));

interface LineageNode {
  op: string;
  args: readonly unknown[];
  inputs: readonly LineageNode[];
  content?: () => Promise<string>;
}

async function lineageJSON(l: LineageNode): Promise<unknown> {
  return { op: l.op, args: l.args, content: l.content ? await l.content() : null, inputs: await Promise.all(l.inputs.map(lineageJSON)) };
}

/**
 * SHA-256 (hex) of a dataset's lineage: its operations and parameters (shuffle keys included),
 * and the content digests of its array and csv sources. A checkpoint records it; a resume on a
 * dataset with another identity is refused.
 * @example await datasetIdentity(data.array([1, 2]).batch(2)) // '0c4e…'
 */
export async function datasetIdentity(dataset: { lineage: LineageNode }): Promise<string> {
  return hex(sha256(utf8Bytes(JSON.stringify(await lineageJSON(dataset.lineage)))));
}
