/**
 * Strides of an input of `inShape` read at the indices of an output of `outShape` under
 * NumPy broadcasting: the input's row-major strides, right-aligned, with 0 on broadcast axes.
 * @example broadcastStrides([3, 1], [2, 3, 4]) // [0, 1, 0]
 */
export function broadcastStrides(inShape: readonly number[], outShape: readonly number[]): number[] {
  const strides = new Array<number>(outShape.length).fill(0);
  let stride = 1;
  for (let i = inShape.length - 1, j = outShape.length - 1; i >= 0; i--, j--) {
    const d = inShape[i] as number;
    strides[j] = d === 1 ? 0 : stride;
    stride *= d;
  }
  return strides;
}

/**
 * Row-major strides: how far apart, in elements, neighbours along each axis are.
 * @example stridesOf([2, 3, 4]) // [12, 4, 1]
 */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i] as number;
  }
  return strides;
}
