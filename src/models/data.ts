import { gather } from '../ops/index.js';
import { convertToTensor } from '../ops/create.js';
import type { TensorLike } from '../ops/create.js';
import { Tensor, Variable } from '../ops/tensor.js';

/** Training or prediction data: a tensor, or nested arrays / typed arrays of samples. */
export type DataInput = Tensor | TensorLike;

/**
 * Converts `data` to a tensor of samples (rank ≥ 1, first axis = samples), naming the calling
 * method and argument in errors; refuses empty data and, unless `allowNonFinite`, NaN or
 * ±Infinity (naming the first bad row and column).
 */
export function toSamples(data: DataInput, argName: string, method: string, allowNonFinite: boolean): Tensor {
  if (data === null || data === undefined) throw new Error(`${method}: ${argName} is ${String(data)}; expected a Tensor or an array of samples`);
  const t = data instanceof Tensor ? data : convertToTensor(data, argName, method);
  if (t.rank === 0) throw new Error(`${method}: ${argName} is a scalar; expected an array of samples (rank ≥ 1, samples along the first axis)`);
  if (t.shape[0] === 0 || t.size === 0) throw new Error(`${method}: ${argName} is empty (shape [${t.shape.join(',')}]); expected at least one sample`);
  if (!allowNonFinite && t.dtype === 'float32') {
    const values = t.values;
    const rowSize = t.size / (t.shape[0] as number);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!Number.isFinite(v)) {
        throw new Error(`${method}: ${argName} has ${v} at row ${Math.floor(i / rowSize)}, column ${i % rowSize}; expected finite numbers (pass allowNonFinite: true to accept NaN and Infinity)`);
      }
    }
  }
  return t;
}

/** Checks that x and y hold the same number of samples. */
export function checkSameRows(x: Tensor, y: Tensor, method: string): void {
  if (x.shape[0] !== y.shape[0]) {
    throw new Error(`${method}: x has ${String(x.shape[0])} samples but y has ${String(y.shape[0])}; expected the same number of samples (rows) in both`);
  }
}

/** Checks a batch size: a positive integer. */
export function checkBatchSize(batchSize: unknown, method: string): number {
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize <= 0) {
    throw new Error(`${method}: batchSize must be a positive integer. Received: batchSize=${String(batchSize)}`);
  }
  return batchSize;
}

/** Rows `indices` of a sample tensor, in that order. */
export function takeRows(t: Tensor, indices: Int32Array): Tensor {
  return gather(t, new Tensor(indices, [indices.length], 'int32'));
}

/**
 * Rows [start, end) of a sample tensor, without copying: rows of a row-major tensor are one
 * contiguous run, so the result is a view of `t`'s storage (`t` itself for all its rows).
 * NOTE: a Variable's rows are copied, since optimizers update its storage in place.
 * @example rowRange(x, 32, 64) // rows 32..63 of x, sharing x's storage
 */
export function rowRange(t: Tensor, start: number, end: number): Tensor {
  const n = t.shape[0] as number;
  if (t instanceof Variable) return takeRows(t, Int32Array.from({ length: end - start }, (_, i) => start + i));
  if (start === 0 && end === n) return t;
  const rowSize = t.size / n;
  return new Tensor(t.values.subarray(start * rowSize, end * rowSize), [end - start, ...t.shape.slice(1)], t.dtype);
}
