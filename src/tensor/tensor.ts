import type { DataType, TypedArray } from './dtype.js';
import type { Shape } from './shape.js';
import { sizeOf } from './shape.js';
import { formatTensor } from './format.js';

/** Nested arrays as returned by `arraySync`: a number (or boolean-as-number) per element. */
export type NestedArray = number | NestedArray[];

let nextTensorId = 0;

/**
 * The tensor record: shape, dtype and row-major storage, with the accessors that need no op.
 * The layers below ops (autograd, kernels) work on records; the public `Tensor` (ops/tensor.ts)
 * extends it with TF.js's chainable methods, each one line calling the op beside it.
 */
export class TensorBase {
  /** Creation order, unique per process; the backward pass visits nodes in reverse of it. */
  readonly id: number;
  /** Extent of each axis, outermost first. */
  readonly shape: number[];
  /** Element type. */
  readonly dtype: DataType;
  /** Number of elements. */
  readonly size: number;
  /**
   * The storage, row-major. Internal: ops read it directly; user code should call `dataSync`,
   * which returns a copy, because tensors are immutable.
   */
  protected storage: TypedArray;

  /** Wraps existing storage; most code should use the creation functions instead. */
  constructor(values: TypedArray, shape: Shape, dtype: DataType) {
    this.id = nextTensorId++;
    this.shape = shape.slice();
    this.dtype = dtype;
    this.size = sizeOf(shape);
    this.storage = values;
  }

  /** Number of axes (0 for a scalar). */
  get rank(): number {
    return this.shape.length;
  }

  /** Internal: the live storage, for ops and kernels. Do not mutate. */
  get values(): TypedArray {
    return this.storage;
  }

  /** A copy of the elements as a typed array, row-major. */
  dataSync(): TypedArray {
    return this.storage.slice();
  }

  /** `dataSync` behind a promise, for TF.js compatibility. */
  data(): Promise<TypedArray> {
    return Promise.resolve(this.dataSync());
  }

  /** The elements as nested arrays (a number for a scalar). */
  arraySync(): NestedArray {
    return toNested(this.storage, this.shape, 0, 0);
  }

  /** `arraySync` behind a promise, for TF.js compatibility. */
  array(): Promise<NestedArray> {
    return Promise.resolve(this.arraySync());
  }

  /** Prints the tensor to the console, as TF.js does. */
  print(verbose = false): void {
    console.log(this.toString(verbose));
  }

  /** A readable rendering: `Tensor\n    [[1, 2],\n     [3, 4]]`. */
  toString(verbose = false): string {
    return formatTensor(this.storage, this.shape, this.dtype, verbose);
  }


  /** No-op kept for TF.js compatibility: memory is owned by the garbage collector. */
  dispose(): void {}

  /** Always false: tensors are never disposed. Kept for TF.js compatibility. */
  get isDisposed(): boolean {
    return false;
  }
}

function toNested(values: TypedArray, shape: readonly number[], axis: number, offset: number): NestedArray {
  if (axis === shape.length) return values[offset] as number;
  const extent = shape[axis] as number;
  const inner = sizeOf(shape.slice(axis + 1));
  const out: NestedArray[] = new Array<NestedArray>(extent);
  for (let i = 0; i < extent; i++) out[i] = toNested(values, shape, axis + 1, offset + i * inner);
  return out;
}
