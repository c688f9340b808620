import type { DataType, TypedArray } from './dtype.js';
import { allocate } from './dtype.js';
import type { Shape } from './shape.js';
import { sizeOf } from './shape.js';
import { formatTensor } from './format.js';
import { allocFloat32 } from '../kernels/index.js';

/** Nested arrays as returned by `arraySync`: a number (or boolean-as-number) per element. */
export type NestedArray = number | NestedArray[];

let nextTensorId = 0;

/**
 * An immutable n-dimensional array of float32, int32 or bool values, stored row-major.
 * Create one with `tensor`, `tensor2d`, `zeros` and the like; read it with `dataSync` or
 * `arraySync`. There is nothing to dispose: the garbage collector owns the memory.
 * @example tensor2d([[1, 2], [3, 4]]).shape // [2, 2]
 */
export class Tensor {
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

  /** A tensor with the same shape, dtype and values (its own storage). */
  clone(): Tensor {
    return new Tensor(this.storage.slice(), this.shape, this.dtype);
  }

  /** No-op kept for TF.js compatibility: memory is owned by the garbage collector. */
  dispose(): void {}

  /** Always false: tensors are never disposed. Kept for TF.js compatibility. */
  get isDisposed(): boolean {
    return false;
  }
}

let nextVariableId = 0;

// Live variables by name, so TF.js-style `optimizer.applyGradients({name: grad})` can find them.
// Weak references: the registry never keeps a variable alive. It holds no numbers.
const registry = new Map<string, WeakRef<Variable>>();

/** The most recently created live variable named `name`, if any. */
export function findVariable(name: string): Variable | undefined {
  return registry.get(name)?.deref();
}

/**
 * A mutable tensor holding model state (weights, optimizer slots). `assign` replaces its
 * values in place; gradients can be taken with respect to it (`variableGrads`).
 * @example const w = variable(zeros([2])); w.assign(ones([2]));
 */
export class Variable extends Tensor {
  /** Unique name; weight files and `variableGrads` results are keyed by it. */
  readonly name: string;
  /** Whether optimizers update it and `variableGrads` differentiates it by default. */
  trainable: boolean;

  /** Use `variable(...)` rather than this constructor. */
  constructor(initial: Tensor, trainable: boolean, name: string | undefined, dtype: DataType) {
    const values = variableStorage(dtype, initial.size);
    values.set(initial.values);
    super(values, initial.shape, dtype);
    this.trainable = trainable;
    this.name = name ?? `Variable${nextVariableId++}`;
    registry.set(this.name, new WeakRef(this));
  }

  /** Replaces the values with those of `value`, which must have the same shape. */
  assign(value: Tensor): void {
    if (value.shape.length !== this.shape.length || value.shape.some((d, i) => d !== this.shape[i])) {
      throw new Error(`Variable ${this.name}: assign expected shape [${this.shape.join(',')}], received [${value.shape.join(',')}]`);
    }
    const next = variableStorage(this.dtype, this.size);
    next.set(value.values);
    this.storage = next;
  }
}

/**
 * Storage for a variable: float32 variables live where the active kernel set updates them in
 * place (for the wasm set, the module's memory), so an optimizer step copies nothing.
 */
function variableStorage(dtype: DataType, size: number): TypedArray {
  return dtype === 'float32' ? allocFloat32(size) : allocate(dtype, size);
}

/**
 * The storage a new tensor may share with `t` (reshape, stopGradient): t's own, or a copy when t
 * is a Variable, because optimizers update a variable's storage in place and a tensor made from
 * a variable keeps the values it was made with (as in TF.js, where assign replaces the data).
 */
export function shareableValues(t: Tensor): TypedArray {
  return t instanceof Variable ? t.values.slice() : t.values;
}

function toNested(values: TypedArray, shape: readonly number[], axis: number, offset: number): NestedArray {
  if (axis === shape.length) return values[offset] as number;
  const extent = shape[axis] as number;
  const inner = sizeOf(shape.slice(axis + 1));
  const out: NestedArray[] = new Array<NestedArray>(extent);
  for (let i = 0; i < extent; i++) out[i] = toNested(values, shape, axis + 1, offset + i * inner);
  return out;
}
