import { allocFloat32 } from '../kernels/index.js';
import type { DataType, TypedArray } from '../tensor/dtype.js';
import { allocate } from '../tensor/dtype.js';
import { TensorBase } from '../tensor/tensor.js';
import { clipByValue, elu, leakyRelu, logSoftmax, logSumExp, prelu, relu6, selu, softmax } from './activations.js';
import { add, div, maximum, minimum, mul, pow, sub } from './arithmetic.js';
import { broadcastTo } from './broadcast.js';
import { cast } from './cast.js';
import { equal, greater, greaterEqual, isFinite, isNaN, less, lessEqual, logicalAnd, logicalNot, logicalOr, notEqual } from './compare.js';
import { gather, oneHot, tile } from './gather.js';
import { dot, matMul } from './matmul.js';
import type { TensorInput } from './operand.js';
import type { Axis } from './reduce.js';
import { argMax, argMin, max, mean, min, prod, sum } from './reduce.js';
import { expandDims, reshape, squeeze } from './reshape.js';
import { concat, pad, slice, split, stack } from './slice.js';
import { unstack } from './moments.js';
import type { DimRoundingMode as PoolRounding, PoolPadding } from './pool.js';
import { avgPool, maxPool } from './pool.js';
import { TensorBuffer } from './buffer.js';
import { transpose } from './transpose.js';
import type { Conv1DPadding } from './conv.js';
import { conv1d, conv2dTranspose, separableConv2d } from './conv.js';
import type { Conv2DDataFormat } from './conv2d.js';
import { conv2d } from './conv2d.js';
import type { ConvPadding, DimRoundingMode, SpatialPair } from './conv-geometry.js';
import { depthwiseConv2d } from './depthwise-conv2d.js';
import { abs, erf, exp, expm1, log, log1p, neg, reciprocal, relu, rsqrt, sigmoid, sign, softplus, sqrt, square, tanh } from './unary.js';

export type { NestedArray } from '../tensor/tensor.js';

/**
 * An immutable n-dimensional array of float32, int32 or bool values, stored row-major, with
 * TF.js's chainable methods: each is one line calling the op of the same name
 * (`x.sub(m).div(s)` is `div(sub(x, m), s)`), defined here beside the ops rather than patched
 * onto a lower class at import. Create one with `tensor`, `tensor2d`, `zeros` and the like; read
 * it with `dataSync` or `arraySync`. There is nothing to dispose: the garbage collector owns the
 * memory.
 * @example tensor2d([[1, 2], [3, 4]]).square().sum().dataSync() // [30]
 */
export class Tensor extends TensorBase {
  /** A tensor with the same shape, dtype and values (its own storage). */
  clone(): Tensor { return new Tensor(this.values.slice(), this.shape, this.dtype); }
  /** A variable initialised with these values (TF.js `tensor.variable`). */
  variable(trainable = true, name?: string, dtype?: DataType): Variable { return new Variable(this, trainable, name, dtype ?? this.dtype); }

  add(b: TensorInput): Tensor { return add(this, b); }
  sub(b: TensorInput): Tensor { return sub(this, b); }
  mul(b: TensorInput): Tensor { return mul(this, b); }
  div(b: TensorInput): Tensor { return div(this, b); }
  pow(exp: TensorInput): Tensor { return pow(this, exp); }
  squaredDifference(b: TensorInput): Tensor { return square(sub(this, b)); }
  maximum(b: TensorInput): Tensor { return maximum(this, b); }
  minimum(b: TensorInput): Tensor { return minimum(this, b); }
  square(): Tensor { return square(this); }
  sqrt(): Tensor { return sqrt(this); }
  rsqrt(): Tensor { return rsqrt(this); }
  reciprocal(): Tensor { return reciprocal(this); }
  exp(): Tensor { return exp(this); }
  expm1(): Tensor { return expm1(this); }
  log(): Tensor { return log(this); }
  log1p(): Tensor { return log1p(this); }
  neg(): Tensor { return neg(this); }
  abs(): Tensor { return abs(this); }
  sign(): Tensor { return sign(this); }
  erf(): Tensor { return erf(this); }
  relu(): Tensor { return relu(this); }
  relu6(): Tensor { return relu6(this); }
  elu(alpha?: number): Tensor { return elu(this, alpha); }
  selu(): Tensor { return selu(this); }
  leakyRelu(alpha?: number): Tensor { return leakyRelu(this, alpha); }
  prelu(alpha: TensorInput): Tensor { return prelu(this, alpha); }
  sigmoid(): Tensor { return sigmoid(this); }
  tanh(): Tensor { return tanh(this); }
  softplus(): Tensor { return softplus(this); }
  softmax(dim?: number): Tensor { return softmax(this, dim); }
  logSoftmax(axis?: number): Tensor { return logSoftmax(this, axis); }
  logSumExp(axis?: Axis, keepDims?: boolean): Tensor { return logSumExp(this, axis, keepDims); }
  clipByValue(min: number, max: number): Tensor { return clipByValue(this, min, max); }

  sum(axis?: Axis, keepDims?: boolean): Tensor { return sum(this, axis, keepDims); }
  mean(axis?: Axis, keepDims?: boolean): Tensor { return mean(this, axis, keepDims); }
  prod(axis?: Axis, keepDims?: boolean): Tensor { return prod(this, axis, keepDims); }
  max(axis?: Axis, keepDims?: boolean): Tensor { return max(this, axis, keepDims); }
  min(axis?: Axis, keepDims?: boolean): Tensor { return min(this, axis, keepDims); }
  argMax(axis?: number): Tensor { return argMax(this, axis); }
  argMin(axis?: number): Tensor { return argMin(this, axis); }

  matMul(b: TensorInput, transposeA?: boolean, transposeB?: boolean): Tensor { return matMul(this, b, transposeA, transposeB); }
  dot(b: TensorInput): Tensor { return dot(this, b); }

  reshape(shape: readonly number[]): Tensor { return reshape(this, shape); }
  reshapeAs(x: TensorBase): Tensor { return reshape(this, x.shape); }
  flatten(): Tensor { return reshape(this, [this.size]); }
  asScalar(): Tensor { return reshape(this, []); }
  as1D(): Tensor { return reshape(this, [this.size]); }
  as2D(rows: number, columns: number): Tensor { return reshape(this, [rows, columns]); }
  as3D(rows: number, columns: number, depth: number): Tensor { return reshape(this, [rows, columns, depth]); }
  as4D(rows: number, columns: number, depth: number, depth2: number): Tensor { return reshape(this, [rows, columns, depth, depth2]); }
  expandDims(axis?: number): Tensor { return expandDims(this, axis); }
  squeeze(axis?: readonly number[]): Tensor { return squeeze(this, axis); }
  transpose(perm?: readonly number[]): Tensor { return transpose(this, perm); }
  slice(begin: number | readonly number[], size?: number | readonly number[]): Tensor { return slice(this, begin, size); }
  gather(indices: TensorInput, axis?: number): Tensor { return gather(this, indices, axis); }
  concat(x: TensorInput | readonly TensorInput[], axis?: number): Tensor { return concat([this, ...(Array.isArray(x) ? x as readonly TensorInput[] : [x as TensorInput])], axis); }
  stack(x: TensorInput, axis?: number): Tensor { return stack([this, x], axis); }
  unstack(axis?: number): Tensor[] { return unstack(this, axis); }
  oneHot(depth: number, onValue?: number, offValue?: number): Tensor { return oneHot(this, depth, onValue, offValue); }
  split(numOrSizeSplits: number | readonly number[], axis?: number): Tensor[] { return split(this, numOrSizeSplits, axis); }
  tile(reps: readonly number[]): Tensor { return tile(this, reps); }
  pad(paddings: readonly (readonly [number, number])[], constantValue?: number): Tensor { return pad(this, paddings, constantValue); }
  broadcastTo(shape: readonly number[]): Tensor { return broadcastTo(this, shape); }

  zerosLike(): Tensor { return new Tensor(allocate(this.dtype, this.size), this.shape, this.dtype); }
  onesLike(): Tensor { return new Tensor(allocate(this.dtype, this.size).fill(1), this.shape, this.dtype); }
  /** A `TensorBuffer` holding a copy of the values (TF.js `bufferSync`). */
  bufferSync(): TensorBuffer { return new TensorBuffer(this.shape, this.dtype, this.values.slice()); }
  /** `bufferSync`, as a promise (TF.js `buffer`). */
  buffer(): Promise<TensorBuffer> { return Promise.resolve(this.bufferSync()); }

  cast(dtype: DataType): Tensor { return cast(this, dtype); }
  asType(dtype: DataType): Tensor { return cast(this, dtype); }
  toFloat(): Tensor { return cast(this, 'float32'); }
  toInt(): Tensor { return cast(this, 'int32'); }
  toBool(): Tensor { return cast(this, 'bool'); }

  equal(b: TensorInput): Tensor { return equal(this, b); }
  notEqual(b: TensorInput): Tensor { return notEqual(this, b); }
  greater(b: TensorInput): Tensor { return greater(this, b); }
  greaterEqual(b: TensorInput): Tensor { return greaterEqual(this, b); }
  less(b: TensorInput): Tensor { return less(this, b); }
  lessEqual(b: TensorInput): Tensor { return lessEqual(this, b); }
  logicalAnd(b: TensorInput): Tensor { return logicalAnd(this, b); }
  logicalOr(b: TensorInput): Tensor { return logicalOr(this, b); }
  logicalNot(): Tensor { return logicalNot(this); }
  isNaN(): Tensor { return isNaN(this); }
  isFinite(): Tensor { return isFinite(this); }
  maxPool(filterSize: number | readonly [number, number], strides: number | readonly [number, number], pad: PoolPadding, dimRoundingMode?: PoolRounding): Tensor { return maxPool(this, filterSize, strides, pad, dimRoundingMode); }
  avgPool(filterSize: number | readonly [number, number], strides: number | readonly [number, number], pad: PoolPadding, dimRoundingMode?: PoolRounding): Tensor { return avgPool(this, filterSize, strides, pad, dimRoundingMode); }

  conv1d(filter: TensorInput, stride: number, pad: Conv1DPadding, dataFormat?: 'NWC' | 'NCW', dilation?: number, dimRoundingMode?: DimRoundingMode): Tensor { return conv1d(this, filter, stride, pad, dataFormat, dilation, dimRoundingMode); }
  conv2d(filter: TensorInput, strides: SpatialPair, pad: ConvPadding, dataFormat?: Conv2DDataFormat, dilations?: SpatialPair, dimRoundingMode?: DimRoundingMode): Tensor { return conv2d(this, filter, strides, pad, dataFormat, dilations, dimRoundingMode); }
  conv2dTranspose(filter: TensorInput, outputShape: readonly number[], strides: SpatialPair, pad: ConvPadding, dimRoundingMode?: DimRoundingMode): Tensor { return conv2dTranspose(this, filter, outputShape, strides, pad, dimRoundingMode); }
  depthwiseConv2d(filter: TensorInput, strides: SpatialPair, pad: ConvPadding, dataFormat?: Conv2DDataFormat, dilations?: SpatialPair, dimRoundingMode?: DimRoundingMode): Tensor { return depthwiseConv2d(this, filter, strides, pad, dataFormat, dilations, dimRoundingMode); }
  separableConv2d(depthwiseFilter: TensorInput, pointwiseFilter: TensorInput, strides: SpatialPair, pad: ConvPadding, dilation?: SpatialPair, dataFormat?: Conv2DDataFormat): Tensor { return separableConv2d(this, depthwiseFilter, pointwiseFilter, strides, pad, dilation, dataFormat); }
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
  /**
   * Projection an optimizer applies in place after each update of this variable (Keras
   * `variable.constraint`, applied after `apply_gradients`); layers set it from a weight's
   * constraint (`kernelConstraint`). Null: none.
   */
  constraint: ((value: Tensor) => Tensor) | null = null;

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

