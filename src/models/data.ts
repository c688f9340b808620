import { gather } from '../ops/index.js';
import { convertToTensor } from '../ops/create.js';
import type { TensorLike } from '../ops/create.js';
import { Tensor, Variable } from '../ops/tensor.js';

/** Training or prediction data: a tensor, or nested arrays / typed arrays of samples. */
export type DataInput = Tensor | TensorLike;

/**
 * The data of a model's inputs (or targets of its outputs): one `DataInput` for a model with one,
 * a list in the model's order, or a dict keyed by input (output) name.
 */
export type ModelData = DataInput | DataInput[] | { [name: string]: DataInput };

function isPlainDict(data: unknown): data is Record<string, DataInput> {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || data instanceof Tensor || ArrayBuffer.isView(data)) return false;
  const proto: unknown = Object.getPrototypeOf(data);
  return proto === Object.prototype || proto === null;
}

/**
 * `data` as one sample tensor per name of `names` (a model's inputs or outputs), each checked by
 * `toSamples`: a single array for a model with one, a list of as many (tensors, or arrays when
 * the model has several), or a dict keyed by name. Errors name the method and the argument
 * (`x[1]`, `x['aux']`).
 * @example toSampleList([xa, xb], ['a', 'b'], 'x', 'model.fit', false) // [Tensor, Tensor]
 */
export function toSampleList(data: ModelData, names: readonly string[], argName: string, method: string, allowNonFinite: boolean): Tensor[] {
  const many = names.length !== 1;
  const isList = Array.isArray(data) && data.length > 0 && (data.every((d) => d instanceof Tensor) || (many && data.length === names.length));
  if (isList) {
    const list = data as DataInput[];
    if (list.length !== names.length) throw new Error(`${method}: ${argName} is a list of ${list.length} arrays, but the model has ${names.length} ${argName === 'x' ? 'input' : 'output'}${many ? 's' : ''} (${names.join(', ')}); expected one array per ${argName === 'x' ? 'input' : 'output'}`);
    return list.map((d, i) => toSamples(d, many ? `${argName}[${i}]` : argName, method, allowNonFinite));
  }
  if (isPlainDict(data)) {
    // Keys that name no input or output are ignored, as TF.js and Keras 3 (which warns) do, and as fitDataset's elements.
    return names.map((n) => {
      if (!Object.hasOwn(data, n)) throw new Error(`${method}: ${argName} has no entry for '${n}'; expected one for each of ${names.map((k) => `'${k}'`).join(', ')}`);
      return toSamples(data[n] as DataInput, `${argName}['${n}']`, method, allowNonFinite);
    });
  }
  if (many) throw new Error(`${method}: the model has ${names.length} ${argName === 'x' ? 'inputs' : 'outputs'} (${names.join(', ')}); ${argName} must be a list of ${names.length} arrays or a dict keyed by those names, received one array`);
  return [toSamples(data as DataInput, argName, method, allowNonFinite)];
}

/** Checks that every tensor of x and y holds the same number of samples. */
export function checkSameRowsAll(x: readonly Tensor[], y: readonly Tensor[], method: string): void {
  if (x.length === 1 && y.length === 1) return checkSameRows(x[0] as Tensor, y[0] as Tensor, method);
  const n = x[0]?.shape[0];
  const all = [...x.map((t, i) => [x.length === 1 ? 'x' : `x[${i}]`, t] as const), ...y.map((t, i) => [y.length === 1 ? 'y' : `y[${i}]`, t] as const)];
  const bad = all.find(([, t]) => t.shape[0] !== n);
  if (bad) throw new Error(`${method}: ${all[0]?.[0] ?? 'x'} has ${String(n)} samples but ${bad[0]} has ${String(bad[1].shape[0])}; expected the same number of samples (rows) in every array`);
}

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
