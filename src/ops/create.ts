import type { DataType, TypedArray } from '../tensor/dtype.js';
import { allocate, isDataType, toStorage } from '../tensor/dtype.js';
import type { Shape } from '../tensor/shape.js';
import { assertTensorSize, assertValidShape, formatShape, sizeOf } from '../tensor/shape.js';
import { Tensor, Variable } from './tensor.js';

/** Values a tensor can be made from: a number, a boolean, nested arrays of them, or a typed array. */
export type TensorLike = number | boolean | TypedArray | readonly TensorLikeArray[];
/** One level of nesting inside a `TensorLike`. */
export type TensorLikeArray = number | boolean | readonly TensorLikeArray[];

/**
 * Creates a tensor from values, with an optional shape and dtype (TF.js `tf.tensor`).
 * Numbers default to float32, booleans to bool, an Int32Array or Uint8Array to int32 (as TF.js).
 * @example tensor([1, 2, 3, 4], [2, 2])
 */
export function tensor(values: TensorLike, shape?: Shape, dtype?: DataType): Tensor {
  if (dtype !== undefined && !isDataType(dtype)) {
    throw new Error(`tensor: dtype must be 'float32', 'int32' or 'bool', received ${JSON.stringify(dtype)}`);
  }
  const { flat, inferredShape, inferredDtype } = flatten(values);
  const type = dtype ?? inferredDtype;
  const finalShape = shape ?? inferredShape;
  assertValidShape(finalShape, 'tensor');
  if (sizeOf(finalShape) !== flat.length) {
    throw new Error(`tensor: ${flat.length} values do not fill shape ${formatShape(finalShape)} (which holds ${sizeOf(finalShape)}); pass values whose count matches the shape`);
  }
  return new Tensor(toStorage(type, flat), finalShape, type);
}

function rankChecked(rank: number, name: string, values: TensorLike, shape: Shape | undefined, dtype: DataType | undefined): Tensor {
  const t = tensor(values, shape, dtype);
  if (t.rank !== rank) throw new Error(`${name}: expected a rank-${rank} tensor, received shape ${formatShape(t.shape)}`);
  return t;
}

/** A rank-0 tensor. @example scalar(3.5) */
export function scalar(value: number | boolean, dtype?: DataType): Tensor {
  return rankChecked(0, 'scalar', value, [], dtype);
}
/** A rank-1 tensor. @example tensor1d([1, 2, 3]) */
export function tensor1d(values: TensorLike, dtype?: DataType): Tensor {
  return rankChecked(1, 'tensor1d', values, undefined, dtype);
}
/** A rank-2 tensor. @example tensor2d([[1, 2], [3, 4]]) */
export function tensor2d(values: TensorLike, shape?: Shape, dtype?: DataType): Tensor {
  return rankChecked(2, 'tensor2d', values, shape, dtype);
}
/** A rank-3 tensor. @example tensor3d([[[1], [2]]]) */
export function tensor3d(values: TensorLike, shape?: Shape, dtype?: DataType): Tensor {
  return rankChecked(3, 'tensor3d', values, shape, dtype);
}
/** A rank-4 tensor. @example tensor4d([[[[1]]]]) */
export function tensor4d(values: TensorLike, shape?: Shape, dtype?: DataType): Tensor {
  return rankChecked(4, 'tensor4d', values, shape, dtype);
}

/** A tensor of `shape` filled with `value`. @example fill([2, 2], 7) */
export function fill(shape: Shape, value: number, dtype: DataType = 'float32'): Tensor {
  return filled('fill', shape, value, dtype);
}

function filled(context: string, shape: Shape, value: number, dtype: DataType): Tensor {
  assertValidShape(shape, context);
  const values = allocate(dtype, sizeOf(shape));
  values.fill(dtype === 'bool' ? (value ? 1 : 0) : value);
  return new Tensor(values, shape, dtype);
}
/** A tensor of zeros. @example zeros([2, 3]) */
export function zeros(shape: Shape, dtype: DataType = 'float32'): Tensor {
  return filled('zeros', shape, 0, dtype);
}
/** A tensor of ones. @example ones([3]) */
export function ones(shape: Shape, dtype: DataType = 'float32'): Tensor {
  return filled('ones', shape, 1, dtype);
}
/** Zeros with the shape and dtype of `x`. */
export function zerosLike(x: Tensor): Tensor {
  return fill(x.shape, 0, x.dtype);
}
/** Ones with the shape and dtype of `x`. */
export function onesLike(x: Tensor): Tensor {
  return fill(x.shape, 1, x.dtype);
}

/**
 * Evenly spaced values in [start, stop) by `step` (TF.js `tf.range`).
 * @example range(0, 5) // [0, 1, 2, 3, 4]
 */
export function range(start: number, stop: number, step = 1, dtype: DataType = 'float32'): Tensor {
  if (step === 0 || !Number.isFinite(step)) throw new Error(`range: step must be a finite non-zero number, received ${step}`);
  const count = Math.max(0, Math.ceil((stop - start) / step));
  assertTensorSize(count, 'range', `[${count}]`);
  const values = allocate(dtype, count);
  for (let i = 0; i < count; i++) values[i] = start + i * step;
  return new Tensor(values, [count], dtype);
}

/**
 * `num` evenly spaced float32 values from `start` to `stop` inclusive: element i is
 * start + i·(stop − start)/(num − 1), computed in float64 and rounded once.
 * @example linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num: number): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new Error(`linspace: num must be a non-negative integer, received ${num}`);
  assertTensorSize(num, 'linspace', `[${num}]`);
  const values = new Float32Array(num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) values[i] = i === num - 1 && num > 1 ? stop : start + i * step;
  return new Tensor(values, [num], 'float32');
}

/**
 * An identity matrix of `numRows` × `numColumns` (TF.js `tf.eye`), optionally batched.
 * @example eye(3)
 */
export function eye(numRows: number, numColumns: number = numRows, batchShape: Shape = [], dtype: DataType = 'float32'): Tensor {
  const shape = [...batchShape, numRows, numColumns];
  assertValidShape(shape, 'eye');
  const values = allocate(dtype, sizeOf(shape));
  const block = numRows * numColumns;
  for (let b = 0; b < sizeOf(batchShape); b++) {
    for (let i = 0; i < Math.min(numRows, numColumns); i++) values[b * block + i * numColumns + i] = 1;
  }
  return new Tensor(values, shape, dtype);
}

/**
 * A mutable variable initialised from `initialValue` (TF.js `tf.variable`).
 * @example const w = variable(zeros([3]), true, 'w');
 */
export function variable(initialValue: Tensor, trainable = true, name?: string, dtype?: DataType): Variable {
  if (!(initialValue instanceof Tensor)) throw new Error('variable: initialValue must be a Tensor');
  return new Variable(initialValue, trainable, name, dtype ?? initialValue.dtype);
}

/**
 * Converts a TensorLike argument of an op into a Tensor, naming the op and argument in errors
 * (TF.js `convertToTensor`). Tensors pass through unchanged.
 */
export function convertToTensor(x: Tensor | TensorLike, argName: string, opName: string, dtype?: DataType): Tensor {
  if (x instanceof Tensor) return x;
  if (x === null || x === undefined) throw new Error(`${opName}: argument '${argName}' is ${String(x)}; expected a Tensor, a number or an array`);
  try {
    return tensor(x, undefined, dtype ?? (typeof x === 'number' ? 'float32' : undefined));
  } catch (error) {
    throw new Error(`${opName}: argument '${argName}' could not be converted to a tensor: ${(error as Error).message}`);
  }
}

interface Flattened { flat: ArrayLike<number>; inferredShape: number[]; inferredDtype: DataType }

function flatten(values: TensorLike): Flattened {
  if (typeof values === 'number') return { flat: [values], inferredShape: [], inferredDtype: 'float32' };
  if (typeof values === 'boolean') return { flat: [values ? 1 : 0], inferredShape: [], inferredDtype: 'bool' };
  if (ArrayBuffer.isView(values)) {
    // NOTE: TF.js infers int32 from a Uint8Array (MNIST's labels arrive as one), not bool.
    const dtype: DataType = values instanceof Int32Array || values instanceof Uint8Array || values instanceof Uint8ClampedArray ? 'int32' : 'float32';
    return { flat: values, inferredShape: [values.length], inferredDtype: dtype };
  }
  if (!Array.isArray(values)) throw new Error(`expected a number, boolean, array or typed array, received ${typeof values}`);
  const shape: number[] = [];
  let probe: TensorLikeArray | readonly TensorLikeArray[] = values;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = (probe as readonly TensorLikeArray[])[0] as TensorLikeArray;
  }
  const flat: number[] = [];
  let sawBool = false;
  const walk = (node: TensorLikeArray, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof node === 'boolean') { sawBool = true; flat.push(node ? 1 : 0); return; }
      if (typeof node !== 'number') throw new Error(`element at ${path} is ${Array.isArray(node) ? 'an array' : typeof node}; expected a number (the arrays are ragged)`);
      flat.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new Error(`element at ${path} has ${Array.isArray(node) ? `length ${node.length}` : 'no length'}; expected an array of length ${String(shape[depth])} (the arrays are ragged)`);
    }
    for (let i = 0; i < node.length; i++) walk(node[i] as TensorLikeArray, depth + 1, `${path}[${i}]`);
  };
  walk(values as TensorLikeArray, 0, 'values');
  return { flat, inferredShape: shape, inferredDtype: sawBool ? 'bool' : 'float32' };
}
