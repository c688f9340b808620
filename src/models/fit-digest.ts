import { sha256 } from '@noble/hashes/sha2.js';
import type { Tensor } from '../ops/tensor.js';

/**
 * SHA-256 digests (hex) of the data a `fit` trains and validates on, as a checkpoint records
 * them: a resume whose data differ is refused. `null` where the fit has no such data.
 */
export interface DataDigests {
  x: string;
  y: string;
  /** Per-sample weights as training uses them (sampleWeight times classWeight), or null. */
  sampleWeight: string | null;
  validationX: string | null;
  validationY: string | null;
  validationSampleWeight: string | null;
}

/** How each digest is named in errors, in the order they are checked. */
export const DATA_DIGEST_LABELS: readonly [keyof DataDigests, string][] = [
  ['x', 'training data x'],
  ['y', 'training data y'],
  ['sampleWeight', 'sample weights'],
  ['validationX', 'validation data x'],
  ['validationY', 'validation data y'],
  ['validationSampleWeight', 'validation sample weights'],
];

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Hasher {
  update(bytes: Uint8Array): unknown;
  digest(): Uint8Array;
}

/**
 * SHA-256 hashers: node:crypto's where it exists (about 10x faster on large data), else
 * @noble/hashes (browsers); both give the same digests.
 */
async function sha256Factory(): Promise<() => Hasher> {
  try {
    const specifier = 'node:crypto'; // computed, so browser bundlers leave it out
    const { createHash } = (await import(specifier)) as typeof import('node:crypto');
    return () => createHash('sha256');
  } catch {
    return () => sha256.create();
  }
}

/**
 * SHA-256 of a tensor's dtype, shape and little-endian value bytes: one pass over the bytes.
 * @example digestTensor(x, () => sha256.create()) // '9f86d0…'
 */
export function digestTensor(t: Tensor, create: () => Hasher): string {
  const h = create();
  h.update(new TextEncoder().encode(`${t.dtype}[${t.shape.join(',')}]\n`));
  let bytes = new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength);
  if (!LITTLE_ENDIAN && t.dtype !== 'bool') {
    // NOTE: digests are of the little-endian form, so a checkpoint resumes on any host.
    bytes = bytes.slice();
    for (let i = 0; i + 3 < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  }
  h.update(bytes);
  let hex = '';
  for (const b of h.digest()) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** The data of one fit: training tensors (one per input / output), per-sample weights, validation set. */
export interface FitData {
  x: Tensor | Tensor[];
  y: Tensor | Tensor[];
  w: Tensor | null;
  validation: { x: Tensor | Tensor[]; y: Tensor | Tensor[]; w: Tensor | null } | undefined;
}

/**
 * Digests of everything `data` holds (see `DataDigests`). A list of one tensor digests as the
 * tensor; a longer list (a model with several inputs or outputs) as the SHA-256 of its
 * tensors' digests, one per line, in order.
 */
export async function digestFitData(data: FitData): Promise<DataDigests> {
  const create = await sha256Factory();
  const digest = (t: Tensor | Tensor[]): string => {
    if (!Array.isArray(t)) return digestTensor(t, create);
    if (t.length === 1) return digestTensor(t[0] as Tensor, create);
    const h = create();
    h.update(new TextEncoder().encode(t.map((one) => digestTensor(one, create)).join('\n')));
    let hex = '';
    for (const b of h.digest()) hex += b.toString(16).padStart(2, '0');
    return hex;
  };
  const v = data.validation;
  return {
    x: digest(data.x),
    y: digest(data.y),
    sampleWeight: data.w ? digest(data.w) : null,
    validationX: v ? digest(v.x) : null,
    validationY: v ? digest(v.y) : null,
    validationSampleWeight: v?.w ? digest(v.w) : null,
  };
}
