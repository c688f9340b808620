/** Element types a tensor can hold: float32 for values, int32 for indices and labels, bool for masks. */
export type DataType = 'float32' | 'int32' | 'bool';

/** The typed array that stores a tensor of each dtype. */
export type TypedArray = Float32Array | Int32Array | Uint8Array;

/**
 * A new zero-filled typed array for `size` elements of `dtype`.
 * @example allocate('float32', 3) // Float32Array [0, 0, 0]
 */
export function allocate(dtype: DataType, size: number): TypedArray {
  try {
    if (dtype === 'float32') return new Float32Array(size);
    if (dtype === 'int32') return new Int32Array(size);
    return new Uint8Array(size);
  } catch (error) {
    // NOTE: a backstop for sizes no shape check saw, and for memory the process does not have.
    if (!(error instanceof RangeError)) throw error;
    throw new Error(`cannot allocate a ${dtype} tensor of ${size} elements (${error.message}); at most 2147483647 elements fit in one tensor, and the process needs the memory for them`, { cause: error });
  }
}

/** True when `value` is one of the dtype names SameBits knows. */
export function isDataType(value: unknown): value is DataType {
  return value === 'float32' || value === 'int32' || value === 'bool';
}

/**
 * Converts numbers to the storage of `dtype`: float32 rounds, int32 truncates toward zero
 * (as Int32Array does), bool stores 1 for any non-zero value.
 */
export function toStorage(dtype: DataType, values: ArrayLike<number>): TypedArray {
  const out = allocate(dtype, values.length);
  if (dtype === 'bool') {
    for (let i = 0; i < values.length; i++) out[i] = values[i] !== 0 && !Number.isNaN(values[i]) ? 1 : 0;
  } else {
    out.set(values);
  }
  return out;
}
