import type { ConfigDict } from '../initializers/initializer.js';
import type { Initializer } from '../initializers/initializer.js';
import type { RandomKey } from '../random/index.js';
import { foldInPath, getGlobalSeed, key } from '../random/index.js';
import type { DataType } from '../tensor/dtype.js';
import { convertToTensor } from '../ops/create.js';
import type { TensorLike } from '../ops/create.js';
import { assertValidShape, formatShape } from '../tensor/shape.js';
import { Tensor, Variable } from '../ops/tensor.js';
import { toSnakeCase, uniqueName } from './naming.js';
import type { LayerNode } from './symbolic-tensor.js';
import { SymbolicTensor, isShapeList, isSymbolic } from './symbolic-tensor.js';
import { div } from '../ops/arithmetic.js';
import { scalar } from '../ops/create.js';
import type { Constraint } from './constraints.js';
import type { Regularizer } from './regularizers.js';

/** A shape whose leading (batch) extent, or any extent, may be unknown (`null`). */
export type SymbolicShape = (number | null)[];

/** Constructor arguments every layer accepts (TF.js `LayerArgs`). */
export interface LayerArgs {
  /** Unique name; automatic Keras-style names (`dense`, `dense_1`) otherwise. */
  name?: string;
  /** Whether `fit` updates this layer's weights (default true). */
  trainable?: boolean;
  /** Input shape without the batch axis, for a model's first layer. */
  inputShape?: SymbolicShape;
  /** Input shape with the batch axis (`null` for any batch size). */
  batchInputShape?: SymbolicShape;
  /** Fixed batch size, combined with `inputShape`. */
  batchSize?: number;
  /** The dtype of the layer's weights and outputs (float32). */
  dtype?: DataType;
  /** Initial weight values, in `getWeights()` order, set after the layer is built. */
  weights?: Tensor[];
}

/** One weight of a layer: its short name (`kernel`), the variable and whether it trains. */
export interface LayerWeight {
  readonly name: string;
  readonly variable: Variable;
  /** Penalty added to the training loss while the weight trains (`addWeight`'s regularizer). */
  readonly regularizer?: Regularizer | null;
  /** Projection applied after each optimizer update while the weight trains. */
  readonly constraint?: Constraint | null;
}

/**
 * What a layer's `call` receives besides its input. `fit` passes `training: true`, the training
 * step and the key of the run's seed; the random layers (Dropout) derive their keys from these
 * and their own `randomPath`.
 */
export interface CallContext {
  training: boolean;
  /** Training step (batch counter since the start of training), or the layer's own call count. */
  step: number;
  /** Key of the global seed at the public entry point that started this computation. */
  seedKey: RandomKey;
  /**
   * Which call of a shared layer this is in its model (absent for the first): a random layer
   * used twice appends it to its purpose path, so each use draws its own numbers. `'1'` for the
   * second call; inside a nested model, the outer call's and the inner call's (`'1.0'`).
   */
  use?: string;
  /**
   * Where layers put the losses of this forward pass (activity regularization), in call order;
   * `fit` and `evaluate` pass an array and add them to the loss. Absent: none are computed.
   */
  losses?: Tensor[];
}

/** A weight a layer creates in `build`: its short name (`kernel`) and shape. */
export interface WeightShape {
  readonly name: string;
  readonly shape: number[];
}

/**
 * A layer class that can be registered: a `Layer` subclass with a static `className` and,
 * optionally, a static `fromConfig(cls, config)` (default: `new cls(config)`, as in TF.js).
 * The built-in classes' `fromConfig` reads the config as a model file spells it (snake_case).
 */
export interface LayerClass {
  readonly className: string;
  readonly prototype: Layer;
  fromConfig?(cls: LayerClass, config: ConfigDict): Layer;
}

/** Options of `layer.apply` (TF.js `kwargs`). */
export interface ApplyArgs {
  training?: boolean;
}

/**
 * What `apply` on concrete tensors returns: what the layer's `call` returns (`Tensor` for
 * single-output layers, `Tensor | Tensor[]` for layers that may return several, as TF.js).
 */
export type CallOutput<L extends Layer> = ReturnType<L['call']>;

/** What `apply` on symbolic tensors returns: one symbolic tensor per tensor `call` returns. */
export type SymbolicOutput<L extends Layer> = ReturnType<L['call']> extends Tensor ? SymbolicTensor : SymbolicTensor | SymbolicTensor[];

/**
 * Base class of all layers. The contract (Keras 3): the constructor stores config, `build`
 * creates weights once the input shape is known, `call` is pure math on tensors, `getConfig`
 * returns plain JSON.
 */
export abstract class Layer {
  /** The Keras / TF.js class name, e.g. `Dense`. */
  abstract readonly className: string;
  readonly name: string;
  /** Whether the layer's weights train (and count as trainable). */
  trainable: boolean;
  readonly dtype: DataType;
  /** Input shape with batch axis, when given at construction (first layer of a model). */
  readonly batchInputShape: SymbolicShape | undefined;
  /** Set once `build` has run. */
  built = false;
  /**
   * The layer's structural purpose path for randomness (`2.Dense` = third layer of its model,
   * a Dense). Set by the model that holds it; weights' keys derive from it, never from the name.
   */
  randomPath: string;
  /** The layer's calls on symbolic tensors, in call order (TF.js `inboundNodes`). */
  readonly inboundNodes: LayerNode[] = [];
  private readonly layerWeights: LayerWeight[] = [];
  private readonly initialWeights: Tensor[] | undefined;
  private callCount = 0;
  /** Penalty on the layer's output, added to the loss per forward pass (divided by the batch size, as Keras 3). */
  activityRegularizer: Regularizer | null = null;

  constructor(className: string, args: LayerArgs = {}) {
    const cls = className;
    this.name = args.name ?? uniqueName(toSnakeCase(cls));
    this.trainable = args.trainable ?? true;
    this.dtype = args.dtype ?? 'float32';
    this.randomPath = cls;
    if (args.batchInputShape !== undefined) {
      this.batchInputShape = args.batchInputShape.slice();
    } else if (args.inputShape !== undefined) {
      this.batchInputShape = [args.batchSize ?? null, ...args.inputShape];
    } else {
      this.batchInputShape = undefined;
    }
    this.batchInputShape?.forEach((d) => {
      if (d !== null && (!Number.isInteger(d) || d < 0)) throw new Error(`${this.name}: inputShape ${JSON.stringify(args.inputShape ?? args.batchInputShape)} is invalid; expected positive integers (or null for unknown)`);
    });
    this.initialWeights = args.weights;
  }

  /**
   * The weights `build` creates for inputs of `inputShape` (with batch axis), in creation
   * order; a model file's weight plan counts them before anything is allocated. Extents the
   * shape leaves unknown count 0. Default: none. A layer called on a list of tensors (a merge
   * layer) receives the list of their shapes, here and in `build`, `call`, `computeOutputShape`.
   */
  weightShapes(_inputShape: SymbolicShape | SymbolicShape[]): WeightShape[] {
    return [];
  }

  /** Creates the weights for inputs of `inputShape` (with batch axis). Default: none. */
  build(_inputShape: SymbolicShape | SymbolicShape[]): void {}

  /**
   * The layer's math. Pure: the same inputs and context give the same bits. As in TF.js, a layer
   * may take a list of tensors (merge layers) and return a list (an RNN with `returnState`);
   * single-tensor layers narrow both to `Tensor`.
   */
  abstract call(input: Tensor | Tensor[], ctx: CallContext): Tensor | Tensor[];

  /** Output shape for an input shape (with batch axis); a list of shapes for a list of outputs. */
  abstract computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape | SymbolicShape[];

  /** Checks an input shape before `call`; throws a message naming the layer. */
  protected checkInputShape(_inputShape: SymbolicShape | SymbolicShape[]): void {}

  /** Builds the layer for `inputShape` if not built yet, then sets any initial weights. */
  ensureBuilt(inputShape: SymbolicShape | SymbolicShape[]): void {
    if (this.built) return;
    this.checkInputShape(inputShape);
    this.build(inputShape);
    this.built = true;
    if (this.initialWeights) this.setWeights(this.initialWeights);
  }

  /**
   * On concrete tensors, runs the layer (building it first if needed); outside `fit`, the random
   * layers take the global seed now and count their own calls as steps. On symbolic tensors
   * (from `input()` or another `apply`), records the call in the graph and returns symbolic
   * outputs, as TF.js does; `model({inputs, outputs})` then builds the layer.
   * @example layers.dense({ units: 2 }).apply(tensor2d([[1, 2, 3]]))
   */
  apply(inputs: SymbolicTensor | SymbolicTensor[], args?: ApplyArgs): SymbolicOutput<this>;
  apply(inputs: Tensor | TensorLike | Tensor[], args?: ApplyArgs): CallOutput<this>;
  apply(inputs: Tensor | TensorLike | Tensor[] | SymbolicTensor | SymbolicTensor[], args: ApplyArgs = {}): CallOutput<this> | SymbolicOutput<this> {
    if (isSymbolic(inputs)) return this.applySymbolic(inputs, args) as SymbolicOutput<this>;
    if (Array.isArray(inputs) && inputs.some((t) => t instanceof SymbolicTensor)) {
      throw new Error(`${this.name}: apply received a list mixing symbolic and concrete tensors; give all symbolic (to build a model) or all concrete (to compute)`);
    }
    const isList = Array.isArray(inputs) && inputs.length > 0 && inputs.every((t) => t instanceof Tensor);
    const x = isList ? (inputs as Tensor[]) : convertToTensor(inputs as Tensor | TensorLike, 'input', this.name);
    return this.invoke(x, { training: args.training ?? false, step: this.callCount++, seedKey: key(getGlobalSeed()) });
  }

  /** Builds if needed, validates the input shape and calls the layer: what models use. */
  invoke(x: Tensor | Tensor[], ctx: CallContext): CallOutput<this> {
    const shape = Array.isArray(x) ? x.map((t) => t.shape) : x.shape;
    this.ensureBuilt(shape);
    this.checkInputShape(shape);
    const y = this.call(x, ctx);
    if (this.activityRegularizer && ctx.losses) {
      // Keras 3 Layer.__call__: for each output, the penalty divided by the batch size (outputs of rank ≥ 1).
      for (const out of Array.isArray(y) ? y : [y]) {
        const penalty = this.activityRegularizer.apply(out);
        ctx.losses.push(out.rank > 0 && (out.shape[0] as number) > 0 ? div(penalty, scalar(out.shape[0] as number)) : penalty);
      }
    }
    return y as CallOutput<this>;
  }

  /**
   * Records a call on symbolic tensors: checks the shapes, computes the output shapes and adds a
   * node. NOTE: the layer is not built here: its weights' random keys come from its place in the
   * model (`randomPath`), which is known only once `model()` has the whole graph.
   */
  private applySymbolic(inputs: SymbolicTensor | SymbolicTensor[], args: ApplyArgs): SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const shape = Array.isArray(inputs) ? list.map((s) => s.shape) : (list[0] as SymbolicTensor).shape;
    this.checkInputShape(shape);
    const out = this.computeOutputShape(shape);
    const shapes = isShapeList(out) ? out : [out];
    const nodeIndex = this.inboundNodes.length;
    const suffix = nodeIndex === 0 ? '' : `_${nodeIndex}`;
    const outputs = shapes.map((s, i) => new SymbolicTensor({ name: `${this.name}/output${suffix}${shapes.length > 1 ? `_${i}` : ''}`, shape: s, dtype: this.dtype, sourceLayer: this, nodeIndex, tensorIndex: i }));
    this.inboundNodes.push({ layer: this, inputs: list, outputs, listInput: Array.isArray(inputs), listOutput: isShapeList(out), training: args.training });
    return isShapeList(out) ? outputs : (outputs[0] as SymbolicTensor);
  }

  /**
   * Creates a weight named `<layer name>/<name>` from `initializer`, keyed by the layer's
   * purpose path: the same seed and model structure give the same initial values. A
   * `regularizer` adds its penalty to the training loss while the weight trains; a `constraint`
   * becomes the variable's, which optimizers apply after each update (Keras 3).
   */
  protected addWeight(name: string, shape: number[], initializer: Initializer, trainable = true, regularizer: Regularizer | null = null, constraint: Constraint | null = null): Variable {
    assertValidShape(shape, `${this.name}/${name}`);
    const values = initializer.apply(shape, this.dtype, foldInPath(key(getGlobalSeed()), `${this.randomPath}/${name}`));
    const v = new Variable(values, trainable, `${this.name}/${name}`, this.dtype);
    if (constraint) v.constraint = (value) => constraint.apply(value);
    this.layerWeights.push({ name, variable: v, regularizer, constraint });
    return v;
  }

  /**
   * The weight penalties, one scalar per regularized trainable weight in creation order
   * (Keras 3 `_get_regularization_losses`); on the tape when called inside one.
   */
  regularizationLosses(): Tensor[] {
    if (!this.trainable) return [];
    return this.layerWeights.filter((w) => w.regularizer && w.variable.trainable).map((w) => (w.regularizer as Regularizer).apply(w.variable));
  }

  /** All weights, in creation order (kernel before bias). */
  get weights(): Variable[] {
    return this.layerWeights.map((w) => w.variable);
  }

  /** Weights that train: all of them when the layer is trainable, none otherwise. */
  get trainableWeights(): Variable[] {
    return this.trainable ? this.weights.filter((v) => v.trainable) : [];
  }

  /** Weights that do not train. */
  get nonTrainableWeights(): Variable[] {
    return this.trainable ? this.weights.filter((v) => !v.trainable) : this.weights;
  }

  /** Copies of the weight values, in `weights` order. */
  getWeights(): Tensor[] {
    return this.weights.map((v) => v.clone());
  }

  /** Replaces the weight values; count and shapes must match. */
  setWeights(values: readonly Tensor[]): void {
    const ws = this.weights;
    if (values.length !== ws.length) throw new Error(`${this.name}: setWeights expected ${ws.length} tensors, received ${values.length}`);
    ws.forEach((v, i) => {
      const t = values[i] as Tensor;
      if (!(t instanceof Tensor) || formatShape(t.shape) !== formatShape(v.shape)) {
        throw new Error(`${this.name}: setWeights: weight ${i} (${v.name}) has shape ${formatShape(v.shape)}, received ${t instanceof Tensor ? formatShape(t.shape) : typeof t}`);
      }
    });
    ws.forEach((v, i) => v.assign(values[i] as Tensor));
  }

  /** Number of scalar weights. */
  countParams(): number {
    return this.weights.reduce((n, v) => n + v.size, 0);
  }

  /** The layer's own config keys (subclasses add theirs to the base keys). */
  protected abstract layerConfig(): ConfigDict;

  /** Plain-JSON config in TF.js Layers style: the layer's keys, then `name`, `trainable`. */
  getConfig(): ConfigDict {
    const config: ConfigDict = { ...this.layerConfig(), name: this.name, trainable: this.trainable };
    if (this.batchInputShape) {
      config['batch_input_shape'] = this.batchInputShape;
      config['dtype'] = this.dtype;
    }
    return config;
  }
}

/** Formats a symbolic shape for messages and summaries: `[null,3]` → `(None, 3)`. */
export function formatSymbolicShape(shape: SymbolicShape): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}
