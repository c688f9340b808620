import { Tensor } from '../ops/tensor.js';
import { canonicalBytes } from './fingerprint.js';
import { canonicalParts, fastSha256 } from './tensor-print.js';

/** Hashes of training data: enough to tell "different data" from "the same rows in another order". */
export interface DataDigest {
  x: { shape: number[]; dtype: string };
  y: { shape: number[]; dtype: string };
  /** SHA-256 of `canonicalBytes([{name: 'x', tensor: x}, {name: 'y', tensor: y}])`: the data as given, in its order. */
  sha256: string;
  /**
   * SHA-256 of the sorted per-row hashes (each row's x and y together): the same for the same
   * rows in any order. Equal `rowsSha256` with unequal `sha256` means only the order differs.
   */
  rowsSha256: string;
}

function row(t: Tensor, i: number): Tensor {
  const width = t.size / (t.shape[0] as number);
  return new Tensor(t.values.subarray(i * width, (i + 1) * width), t.shape.slice(1), t.dtype);
}

/**
 * Digests training data `x`, `y` (rows on the first axis), in order and as a set of rows.
 * @example (await digestTrainingData(x, y)).sha256
 */
export async function digestTrainingData(x: Tensor, y: Tensor): Promise<DataDigest> {
  const sha256 = await fastSha256();
  const rows = x.shape[0] ?? 0;
  if (y.shape[0] !== rows) throw new Error(`digestTrainingData: x has ${rows} rows but y has ${String(y.shape[0])}`);
  const rowHashes: string[] = [];
  for (let i = 0; i < rows; i++) rowHashes.push(sha256([...canonicalParts(row(x, i)), ...canonicalParts(row(y, i))]));
  rowHashes.sort(); // order is the thing this hash must not see
  return {
    x: { shape: x.shape.slice(), dtype: x.dtype },
    y: { shape: y.shape.slice(), dtype: y.dtype },
    sha256: sha256([canonicalBytes([{ name: 'x', tensor: x }, { name: 'y', tensor: y }])]),
    rowsSha256: sha256([new TextEncoder().encode(rowHashes.join('\n'))]),
  };
}
