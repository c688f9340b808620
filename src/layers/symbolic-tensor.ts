import type { DataType } from '../tensor/dtype.js';
import type { Layer, SymbolicShape } from './layer.js';

/**
 * One call of a layer on symbolic tensors (TF.js and Keras `Node`): what went in, what came out,
 * and whether the inputs were given as a list (`add.apply([a, b])`) or a single tensor. A
 * functional model is the graph of these nodes between its inputs and outputs.
 */
export interface LayerNode {
  readonly layer: Layer;
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  /** True when the layer was called on a list of tensors (even a list of one). */
  readonly listInput: boolean;
  /** True when the layer returned a list of tensors (e.g. an RNN with `returnState`). */
  readonly listOutput: boolean;
  /** The `training` flag given to `apply`, if any (kept for the model file). */
  readonly training: boolean | undefined;
}

/**
 * A placeholder for a tensor in a graph being built (TF.js `SymbolicTensor`, Keras
 * `KerasTensor`): a shape with the batch axis `null`, a dtype, and where it comes from (output
 * `tensorIndex` of call `nodeIndex` of `sourceLayer`). Made by `input()` and by
 * `layer.apply(symbolic)`; `model({inputs, outputs})` turns the graph into a model.
 * @example const x = input({ shape: [4] }); const y = layers.dense({ units: 2 }).apply(x);
 */
export class SymbolicTensor {
  readonly name: string;
  readonly shape: SymbolicShape;
  readonly dtype: DataType;
  readonly rank: number;
  readonly sourceLayer: Layer;
  readonly nodeIndex: number;
  readonly tensorIndex: number;

  constructor(args: { name: string; shape: SymbolicShape; dtype: DataType; sourceLayer: Layer; nodeIndex: number; tensorIndex: number }) {
    this.name = args.name;
    this.shape = args.shape.slice();
    this.dtype = args.dtype;
    this.rank = args.shape.length;
    this.sourceLayer = args.sourceLayer;
    this.nodeIndex = args.nodeIndex;
    this.tensorIndex = args.tensorIndex;
  }

  /** The node that made this tensor. */
  get node(): LayerNode {
    return this.sourceLayer.inboundNodes[this.nodeIndex] as LayerNode;
  }

  /** `SymbolicTensor dense/output [null,2]`, for messages. */
  toString(): string {
    return `SymbolicTensor ${this.name} [${this.shape.map(String).join(',')}]`;
  }
}

/**
 * Whether `value` is a symbolic tensor or a non-empty list of them (then `apply` records a node
 * instead of computing).
 * @example isSymbolic([input({ shape: [2] })]) // true
 */
export function isSymbolic(value: unknown): value is SymbolicTensor | SymbolicTensor[] {
  if (value instanceof SymbolicTensor) return true;
  return Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof SymbolicTensor);
}

/**
 * Whether a `computeOutputShape` result is a list of shapes (a layer with several outputs) rather
 * than one shape. NOTE: every shape a layer sees has the batch axis, so a list of shapes is an
 * array whose first element is an array.
 * @example isShapeList([[null, 2], [null, 3]]) // true
 */
export function isShapeList(shape: SymbolicShape | SymbolicShape[]): shape is SymbolicShape[] {
  return shape.length > 0 && Array.isArray(shape[0]);
}

/**
 * The one shape of a single-output layer, or an error naming the layer when it gave several.
 * @example singleShape(layer.computeOutputShape([null, 3]), layer.name)
 */
export function singleShape(shape: SymbolicShape | SymbolicShape[], layerName: string): SymbolicShape {
  if (isShapeList(shape)) throw new Error(`${layerName}: expected one output shape here, received ${shape.length}; a layer with several outputs can only be used in a functional model`);
  return shape;
}

/**
 * The one tensor a single-output layer returned, or an error naming the layer (and `where` it
 * was used) when it returned a list.
 * @example const y = singleTensor(layer.invoke(x, ctx), layer.name, 'a Sequential model');
 */
export function singleTensor<T>(out: T | T[], layerName: string, where: string): T {
  if (Array.isArray(out)) throw new Error(`${layerName}: returned ${out.length} tensors, but ${where} needs layers with a single output tensor; use the functional API (model({inputs, outputs})) for layers with several outputs`);
  return out;
}
