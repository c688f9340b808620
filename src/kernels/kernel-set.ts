import type { NumericArray } from './reference/binary.js';
import type { BinaryKernel, UnaryKernel } from './reference/elementwise.js';
import type { ConvGeometry, ConvGradients, FusedActivation } from './reference/conv.js';
import type { MatMulDims } from './reference/matmul.js';
import type { ReduceGeometry } from './reference/reduce.js';
import type { PoolGeometry } from './reference/pool.js';
import type * as recurrent from './reference/recurrent.js';
import type { AdadeltaConstants, AdamaxConstants, AdamConstants, RmspropConstants, SgdConstants } from './reference/optimizer-updates.js';

/** The kernel sets SameBits ships: `reference` (plain loops, the specification) and `wasm`. */
export type BackendName = 'reference' | 'wasm';

/**
 * A kernel set: one interface of named kernels over typed arrays and shapes (DESIGN.md). The
 * `reference` set is the specification; every other set gives its bits exactly, so choosing a
 * set changes only speed. Each kernel's reference order is documented on its reference twin.
 */
export interface KernelSet {
  readonly name: BackendName;
  /**
   * Zeroed float32 storage for long-lived state (variables, optimizer slots), placed where this
   * set's kernels work on it in place (the wasm set: in the module's memory, freed when the
   * array is garbage-collected).
   */
  allocFloat32(size: number): Float32Array;
  matMul(a: Float32Array, b: Float32Array, out: Float32Array, dims: MatMulDims): void;
  adamUpdate(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vHat: Float32Array | null, c: AdamConstants): void;
  sum(x: ArrayLike<number>, g: ReduceGeometry, out: Float32Array | Int32Array | Float64Array): void;
  prod(x: ArrayLike<number>, g: ReduceGeometry, out: Float32Array | Int32Array): void;
  extremum(x: ArrayLike<number>, g: ReduceGeometry, out: Float32Array | Int32Array, sign: 1 | -1): void;
  argExtremum(x: ArrayLike<number>, g: ReduceGeometry, axisStride: number, axisExtent: number, out: Int32Array, sign: 1 | -1): void;
  productOfOthers(x: ArrayLike<number>, g: ReduceGeometry, out: Float32Array): void;
  transpose(x: ArrayLike<number>, shape: readonly number[], perm: readonly number[], out: NumericArray): void;
  slice(x: ArrayLike<number>, shape: readonly number[], begin: readonly number[], size: readonly number[], out: NumericArray): void;
  pad(x: ArrayLike<number>, shape: readonly number[], before: readonly number[], outShape: readonly number[], value: number, out: NumericArray): void;
  tile(x: ArrayLike<number>, shape: readonly number[], outShape: readonly number[], out: NumericArray): void;
  concat(inputs: readonly ArrayLike<number>[], extents: readonly number[], outer: number, inner: number, out: NumericArray): void;
  gather(x: ArrayLike<number>, outer: number, extent: number, inner: number, indices: ArrayLike<number>, out: NumericArray): void;
  scatterAdd(dy: ArrayLike<number>, outer: number, extent: number, inner: number, indices: ArrayLike<number>, out: Float32Array): void;
  /** The binary elementwise kernel `name` (add, mul, greater, …) with broadcasting. */
  binary(name: BinaryKernel, a: ArrayLike<number>, aShape: readonly number[], b: ArrayLike<number>, bShape: readonly number[], outShape: readonly number[], out: NumericArray): void;
  /** The unary elementwise kernel `name` (neg, exp, relu, isNaN, …). */
  unary(name: UnaryKernel, x: ArrayLike<number>, out: NumericArray): void;
  clip(x: ArrayLike<number>, out: NumericArray, lo: number, hi: number): void;
  select(c: ArrayLike<number>, cShape: readonly number[], a: ArrayLike<number>, aShape: readonly number[], b: ArrayLike<number>, bShape: readonly number[], outShape: readonly number[], out: NumericArray): void;
  broadcastTo(x: ArrayLike<number>, shape: readonly number[], outShape: readonly number[], out: NumericArray): void;
  /** Optimizer updates, in place on the variable `w` and its slots (`m` null: no momentum). */
  sgdUpdate(w: Float32Array, g: Float32Array, m: Float32Array | null, c: SgdConstants): void;
  rmspropUpdate(w: Float32Array, g: Float32Array, v: Float32Array, mom: Float32Array | null, mg: Float32Array | null, c: RmspropConstants): void;
  adagradUpdate(w: Float32Array, g: Float32Array, acc: Float32Array, lr: number, eps: number): void;
  adadeltaUpdate(w: Float32Array, g: Float32Array, eg: Float32Array, edx: Float32Array, c: AdadeltaConstants): void;
  adamaxUpdate(w: Float32Array, g: Float32Array, m: Float32Array, u: Float32Array, c: AdamaxConstants): void;
  /** Weight decay in place, and the gradient clipping an optimizer applies before its update. */
  decayWeights(w: Float32Array, weightDecay: number, learningRate: number): void;
  sumOfSquares(x: Float32Array, acc: number): number;
  clipByNorm(g: Float32Array, out: Float32Array, clipNorm: number, norm: number): void;
  clipByGlobalNorm(g: Float32Array, out: Float32Array, scale: number): void;
  clipByValue(g: Float32Array, out: Float32Array, clipValue: number): void;
  /** 2-D pooling over NHWC inputs and its gradients (reference/pool.ts states the orders). */
  maxPool(x: Float32Array, g: PoolGeometry, out: Float32Array, positions: Int32Array): void;
  maxPoolBackward(dy: Float32Array, positions: Int32Array, dx: Float32Array): void;
  avgPool(x: Float32Array, g: PoolGeometry, out: Float32Array): void;
  avgPoolBackward(dy: Float32Array, g: PoolGeometry, dx: Float32Array): void;
  /** Convolution: the patch matrix and its adjoint (conv2d is im2col then matMul), and depthwise convolution with its two gradients. */
  conv2d(x: Float32Array, w: Float32Array, bias: Float32Array | null, activation: FusedActivation, g: ConvGeometry, outC: number, out: Float32Array): void;
  biasAdd(y: Float32Array, bias: Float32Array | null, activation: FusedActivation, rows: number, cols: number, out: Float32Array): void;
  reluBackward(dy: Float32Array, y: Float32Array, out: Float32Array): void;
  biasGradient(dy: Float32Array, rows: number, cols: number, out: Float32Array): void;
  conv2dBackpropInput(dy: Float32Array, w: Float32Array, g: ConvGeometry, outC: number, out: Float32Array): void;
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, g: ConvGeometry, outC: number, out: Float32Array): void;
  conv2dBackward(x: Float32Array, w: Float32Array, dy: Float32Array, reluOutput: Float32Array | null, g: ConvGeometry, outC: number, grads: ConvGradients): void;
  im2col(x: Float32Array, g: ConvGeometry, out: Float32Array): void;
  col2im(cols: Float32Array, g: ConvGeometry, out: Float32Array): void;
  depthwiseConv2d(x: Float32Array, f: Float32Array, g: ConvGeometry, multiplier: number, out: Float32Array): void;
  depthwiseBackpropInput(dy: Float32Array, f: Float32Array, g: ConvGeometry, multiplier: number, out: Float32Array): void;
  depthwiseBackpropFilter(x: Float32Array, dy: Float32Array, g: ConvGeometry, multiplier: number, out: Float32Array): void;
  /** The fused recurrent cells (reference/recurrent.ts): the bits of the elementwise ops they replace. */
  lstmCarry: typeof recurrent.lstmCarry;
  lstmCarryBackward: typeof recurrent.lstmCarryBackward;
  lstmHidden: typeof recurrent.lstmHidden;
  lstmHiddenBackward: typeof recurrent.lstmHiddenBackward;
  gruCell: typeof recurrent.gruCell;
  gruCellBackward: typeof recurrent.gruCellBackward;
  gruReset: typeof recurrent.gruReset;
  gruResetBackward: typeof recurrent.gruResetBackward;
  gruUpdate: typeof recurrent.gruUpdate;
  gruUpdateBackward: typeof recurrent.gruUpdateBackward;
  simpleTanh: typeof recurrent.simpleTanh;
  simpleTanhBackward: typeof recurrent.simpleTanhBackward;
}
