import { stack } from '../ops/index.js';
import { tensor } from '../ops/create.js';
import type { TensorLike } from '../ops/create.js';
import { Tensor } from '../ops/tensor.js';

/**
 * What a dataset yields (TF.js `TensorContainer`): a tensor, a number, a boolean, an array or a
 * typed array of them, or an object whose values are elements again.
 */
export type DataElement =
  | Tensor
  | number
  | boolean
  | Float32Array
  | Int32Array
  | Uint8Array
  | readonly DataElement[]
  | { readonly [key: string]: DataElement };

const isTypedArray = (v: unknown): boolean => v instanceof Float32Array || v instanceof Int32Array || v instanceof Uint8Array;

/** TF.js `canTensorify`: leaves of a batch are tensors, primitives, arrays and typed arrays; plain objects are walked. */
function isLeaf(v: unknown): boolean {
  return v === null || v === undefined || typeof v !== 'object' || Array.isArray(v) || v instanceof Tensor || isTypedArray(v);
}

const describe = (v: unknown): string => (v instanceof Tensor ? `a tensor of shape [${v.shape.join(',')}]` : Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`);

/** One leaf column: tensors are stacked, anything else becomes one tensor of the values (TF.js `batchConcat`). */
function batchColumn(column: readonly unknown[], path: string): Tensor {
  const where = path === '' ? 'element' : `element${path}`;
  const first = column[0];
  if (first instanceof Tensor) {
    column.forEach((v, i) => {
      if (!(v instanceof Tensor)) throw new Error(`batch: ${where} of row ${i} is ${describe(v)}; expected a tensor like row 0`);
      if (v.shape.join(',') !== first.shape.join(',')) throw new Error(`batch: ${where} of row ${i} has shape [${v.shape.join(',')}]; expected [${first.shape.join(',')}] like row 0 (batching stacks elements of one shape)`);
      // TF.js refuses mixed dtypes too; said here, as the stack below would blame the shapes.
      if (v.dtype !== first.dtype) throw new Error(`batch: ${where} of row ${i} is a tensor of dtype ${v.dtype}; expected ${first.dtype} like row 0 (batching stacks elements of one dtype: cast them first)`);
    });
    return stack(column as Tensor[]);
  }
  column.forEach((v, i) => {
    if (typeof v === 'string') throw new Error(`batch: ${where} of row ${i} is the string ${JSON.stringify(v)}; SameBits tensors hold numbers (map strings to numbers before batching)`);
    if (v === null || v === undefined) throw new Error(`batch: ${where} of row ${i} is ${String(v)}; expected a number, an array or a tensor`);
  });
  try {
    return tensor(column.map((v) => (isTypedArray(v) ? Array.from(v as ArrayLike<number>) : v)) as TensorLike);
  } catch (error) {
    throw new Error(`batch: the rows' ${where} cannot be stacked into one tensor: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Stacks `rows` into one batch by TF.js's rules: leaves (tensors, numbers, arrays, typed arrays)
 * become one tensor with a new first axis; objects are batched key by key, in the first row's
 * key order, so `{xs, ys}` rows give `{xs: batch, ys: batch}`.
 * @example batchElements([{ x: 1, y: [0, 1] }, { x: 2, y: [1, 0] }]) // { x: tensor [2], y: tensor [2, 2] }
 */
export function batchElements(rows: readonly unknown[], path = ''): DataElement {
  if (rows.length === 0) throw new Error('batch: cannot make a batch of zero elements');
  const first = rows[0];
  if (isLeaf(first)) return batchColumn(rows, path);
  const out: Record<string, DataElement> = {};
  for (const k of Object.keys(first as object)) {
    const column = rows.map((r, i) => {
      if (isLeaf(r) || !Object.hasOwn(r as object, k)) throw new Error(`batch: row ${i}${path} is ${describe(r)} without key '${k}'; expected the keys of row 0 (${Object.keys(first as object).join(', ')})`);
      return (r as Record<string, unknown>)[k];
    });
    out[k] = batchElements(column, `${path}.${k}`);
  }
  return out;
}
