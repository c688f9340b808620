import type { DataType, TypedArray } from '../tensor/dtype.js';
import { allocate, isDataType } from '../tensor/dtype.js';
import type { Shape } from '../tensor/shape.js';
import { assertValidShape, formatShape, sizeOf, stridesOf } from '../tensor/shape.js';
import { Tensor } from './tensor.js';

/**
 * A mutable row-major array with a shape, to fill element by element and then turn into a
 * tensor (TF.js `TensorBuffer`). Values are stored as the dtype's typed array, so `set` rounds
 * to float32 (or truncates to int32) at once, as TF.js does.
 * @example const b = buffer([2, 2]); b.set(5, 0, 1); b.toTensor() // [[0, 5], [0, 0]]
 */
export class TensorBuffer {
  readonly shape: number[];
  readonly dtype: DataType;
  readonly size: number;
  /** The storage, row-major; `toTensor` copies it. */
  readonly values: TypedArray;
  readonly strides: number[];

  constructor(shape: Shape, dtype: DataType, values?: TypedArray) {
    assertValidShape(shape, 'buffer');
    if (!isDataType(dtype)) throw new Error(`buffer: dtype must be 'float32', 'int32' or 'bool', received ${JSON.stringify(dtype)}`);
    this.shape = shape.slice();
    this.dtype = dtype;
    this.size = sizeOf(shape);
    if (values !== undefined && values.length !== this.size) {
      throw new Error(`buffer: ${values.length} values do not fill shape ${formatShape(shape)} (which holds ${this.size})`);
    }
    this.values = values ?? allocate(dtype, this.size);
    this.strides = stridesOf(shape).slice(0, -1);
  }

  /** Sets the element at `locs` (one index per axis) to `value`. */
  set(value: number | boolean, ...locs: number[]): void {
    this.values[this.locToIndex(locs.length === 0 ? [0] : locs)] = Number(value);
  }

  /** The element at `locs` (one index per axis). */
  get(...locs: number[]): number {
    return this.values[this.locToIndex(locs.length === 0 ? [0] : locs)]!;
  }

  /** The flat row-major index of `locs`. */
  locToIndex(locs: readonly number[]): number {
    if (this.shape.length === 0) return 0;
    if (locs.length !== this.shape.length) {
      throw new Error(`TensorBuffer: the number of coordinates (${locs.length}) must match the rank of the buffer (${this.shape.length})`);
    }
    let index = 0;
    for (let i = 0; i < locs.length; i++) {
      const loc = locs[i]!;
      if (!Number.isInteger(loc) || loc < 0 || loc >= this.shape[i]!) {
        throw new Error(`TensorBuffer: coordinate ${i} is ${loc}; expected an integer in [0, ${this.shape[i]!}) for shape ${formatShape(this.shape)}`);
      }
      index += loc * (i < this.strides.length ? this.strides[i]! : 1);
    }
    return index;
  }

  /** The coordinates of flat index `index`. */
  indexToLoc(index: number): number[] {
    const locs: number[] = [];
    let rest = index;
    for (const stride of this.strides) { const q = Math.floor(rest / stride); locs.push(q); rest -= q * stride; }
    if (this.shape.length > 0) locs.push(rest);
    return locs;
  }

  /** The rank (number of axes). */
  get rank(): number {
    return this.shape.length;
  }

  /** A tensor with a copy of the values. */
  toTensor(): Tensor {
    return new Tensor(this.values.slice(), this.shape, this.dtype);
  }
}

/**
 * A `TensorBuffer` of `shape`, zero-filled or wrapping `values` (TF.js `tf.buffer`).
 * @example const b = buffer([3], 'int32'); b.set(7, 2);
 */
export function buffer(shape: Shape, dtype: DataType = 'float32', values?: TypedArray): TensorBuffer {
  return new TensorBuffer(shape, dtype, values);
}
