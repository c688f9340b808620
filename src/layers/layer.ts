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
  /** Key of the global seed at the public entry point that started this computation (in training, the training call's: `callKey`). */
  seedKey: RandomKey;
  /** The model's training call (absent: 0), which a layer with a seed of its own folds into that seed's key (`layerSeedKey`). */
  call?: number;
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
  /**
   * The input's mask (TF.js `kwargs.mask`): bool [batch, time], true where a timestep is real,
   * when an upstream layer (Masking, Embedding with maskZero) made one. Layers that do not use
   * masks ignore it.
   */
  mask?: Tensor;
}

/** What a layer's `call` returns: one tensor, or several (TF.js: an RNN with returnState). */
export type LayerOutput = Tensor | Tensor[];

/**
 * Marks a layer class whose `apply` may return several tensors (RNNs and Bidirectional:
 * returnState, mergeMode null); `apply` on any other layer is typed as one tensor, as before.
 */
export interface MultiOutputLayer {
  readonly multiOutput: true;
}

/** What `apply` returns for layer type L: `Tensor | Tensor[]` for multi-output layers (TF.js), else `Tensor`. */
export type ApplyOutput<L> = L extends MultiOutputLayer ? LayerOutput : Tensor;

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
  /**
   * A recurrent layer's initial states (TF.js `kwargs.initialState`): the same as passing
   * `[x, ...initialState]`.
   */
  initialState?: Tensor | Tensor[];
}

/** What `apply` on symbolic tensors returns: one symbolic tensor, or several for multi-output layers. */
export type SymbolicOutput<L> = L extends MultiOutputLayer ? SymbolicTensor | SymbolicTensor[] : SymbolicTensor;

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
  /**
   * Prefix of the weight variables' names (`<prefix>/kernel`): the layer's name, unless a
   * wrapper sets its own before building (TF.js: `bidirectional/forward_lstm`, `time_distributed`).
   */
  weightScope: string | undefined;
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
   * Whether the layer passes an input mask on unchanged (Keras `supports_masking`); layers
   * that do not drop it, as Keras 3 does.
   */
  supportsMasking = false;

  /**
   * The layer's math. Pure: the same inputs and context give the same bits. TF.js's types: one
   * tensor or several in, one or several out (most layers take and give one).
   */
  abstract call(input: Tensor | Tensor[], ctx: CallContext): LayerOutput;

  /** Output shape for an input shape (with batch axis); one shape per output when several. */
  abstract computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape | SymbolicShape[];

  /**
   * The mask of the output, from the input and its mask (TF.js `computeMask`): the input's
   * mask when the layer `supportsMasking`, none otherwise.
   */
  computeMask(_input: Tensor | Tensor[], mask: Tensor | null): Tensor | null {
    return this.supportsMasking ? mask : null;
  }

  /** Checks an input shape before `call`; throws a message naming the layer. */
  protected checkInputShape(_inputShape: SymbolicShape | SymbolicShape[]): void {}

  /**
   * Checks `inputShape`, then builds the layer for it if not built yet and sets any initial
   * weights. A built layer (a shared layer's later calls) checks the shape against its weights.
   */
  ensureBuilt(inputShape: SymbolicShape | SymbolicShape[]): void {
    this.checkInputShape(inputShape);
    if (this.built) return;
    this.build(inputShape);
    this.built = true;
    if (this.initialWeights) this.setWeights(this.initialWeights);
  }

  /**
   * On concrete tensors, runs the layer (building it first if needed); outside `fit`, the random
   * layers take the global seed now and count their own calls as steps. Recurrent layers take
   * `[x, ...initialStates]` and, with returnState, return `[output, ...states]` (TF.js). On
   * symbolic tensors (from `input()` or another `apply`), records the call in the graph and
   * returns symbolic outputs, as TF.js does; `model({inputs, outputs})` then builds the layer.
   * @example layers.dense({ units: 2 }).apply(tensor2d([[1, 2, 3]]))
   */
  apply<L extends Layer>(this: L, inputs: SymbolicTensor | SymbolicTensor[], args?: ApplyArgs): SymbolicOutput<L>;
  apply<L extends Layer>(this: L, input: Tensor | TensorLike | Tensor[], args?: ApplyArgs): ApplyOutput<L>;
  apply<L extends Layer>(this: L, input: Tensor | TensorLike | Tensor[] | SymbolicTensor | SymbolicTensor[], args: ApplyArgs = {}): ApplyOutput<L> | SymbolicOutput<L> {
    if (isSymbolic(input)) {
      if (args.initialState !== undefined) throw new Error(`${this.name}: initialState with symbolic inputs is not supported; pass [x, ...states] as the input list instead`);
      return this.applySymbolic(input, args) as SymbolicOutput<L>;
    }
    if (Array.isArray(input) && input.some((t) => t instanceof SymbolicTensor)) {
      throw new Error(`${this.name}: apply received a list mixing symbolic and concrete tensors; give all symbolic (to build a model) or all concrete (to compute)`);
    }
    let x: Tensor | Tensor[] = Array.isArray(input) && input.every((t) => t instanceof Tensor) && input.length > 0 ? (input as Tensor[]) : convertToTensor(input as Tensor | TensorLike, 'input', this.name);
    if (args.initialState !== undefined) {
      if (Array.isArray(x)) throw new Error(`${this.name}: initial states given twice (in the input list [x, ...states] and as initialState); pass them one way`);
      x = [x, ...(Array.isArray(args.initialState) ? args.initialState : [args.initialState])];
    }
    const ctx: CallContext = { training: args.training ?? false, step: this.callCount++, seedKey: key(getGlobalSeed()) };
    return this.invokeAll(x, ctx) as ApplyOutput<L>;
  }

  /**
   * Builds if needed, validates the input shape and calls the layer: what Sequential models use.
   * One tensor in, one out: a layer that returns several (an RNN with returnState) is refused.
   */
  invoke(x: Tensor, ctx: CallContext): Tensor {
    const y = this.invokeAll(x, ctx);
    if (Array.isArray(y)) throw new Error(`${this.name}: returns ${y.length} tensors (the output and its states, returnState: true), but here one tensor must pass to the next layer (a Sequential model); use returnState: false, or the functional API`);
    return y;
  }

  /**
   * The shape `build`, `checkInputShape` and `computeOutputShape` see for a list of inputs: by
   * default the first's (an RNN's `[x, ...initialStates]`); merge layers and models take all.
   */
  protected listInputShape(shapes: SymbolicShape[]): SymbolicShape | SymbolicShape[] {
    return shapes[0] as SymbolicShape;
  }

  /** `invoke` for any layer: one or several tensors in (TF.js `[x, ...initialState]`) and out. */
  invokeAll(x: Tensor | Tensor[], ctx: CallContext): LayerOutput {
    const shape = Array.isArray(x) ? this.listInputShape(x.map((t) => t.shape)) : x.shape;
    this.ensureBuilt(shape); // checks the shape too
    const y = this.call(x, ctx);
    if (this.activityRegularizer && ctx.losses) {
      // Keras 3 Layer.__call__: the penalty divided by the batch size (outputs of rank ≥ 1); of
      // several outputs, the first (an RNN's output, not its states).
      const out = Array.isArray(y) ? (y[0] as Tensor) : y;
      const penalty = this.activityRegularizer.apply(out);
      ctx.losses.push(out.rank > 0 && (out.shape[0] as number) > 0 ? div(penalty, scalar(out.shape[0] as number)) : penalty);
    }
    return y;
  }

  /**
   * Records a call on symbolic tensors: checks the shapes, computes the output shapes and adds a
   * node. NOTE: the layer is not built here: its weights' random keys come from its place in the
   * model (`randomPath`), which is known only once `model()` has the whole graph.
   */
  private applySymbolic(inputs: SymbolicTensor | SymbolicTensor[], args: ApplyArgs): SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const shape = Array.isArray(inputs) ? this.listInputShape(list.map((s) => s.shape)) : (list[0] as SymbolicTensor).shape;
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
    const v = new Variable(values, trainable, `${this.weightScope ?? this.name}/${name}`, this.dtype);
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

/**
 * The one output shape of `layer` for `inputShape`; a layer with several outputs (an RNN with
 * returnState) is refused with a message naming it, since a Sequential model passes one on.
 * @example singleOutputShape(layers.dense({ units: 2 }), [null, 3]) // [null, 2]
 */
export function singleOutputShape(layer: Layer, inputShape: SymbolicShape): SymbolicShape {
  const out = layer.computeOutputShape(inputShape);
  if (isShapeList(out)) throw new Error(`${layer.name}: has ${out.length} outputs (the output and its states, returnState: true), but a Sequential model passes one tensor from layer to layer; use returnState: false, or the functional API`);
  return out;
}

export { isShapeList };

/** Formats a symbolic shape for messages and summaries: `[null,3]` → `(None, 3)`. */
export function formatSymbolicShape(shape: SymbolicShape): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}
