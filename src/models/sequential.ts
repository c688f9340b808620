import type { Layer, SymbolicShape } from '../layers/index.js';
import { Embedding, InputLayer, formatSymbolicShape, isSymbolic, singleOutputShape } from '../layers/index.js';
import { toSnakeCase, uniqueName } from '../layers/naming.js';
import type { Optimizer } from '../optimizers/index.js';
import { cast, concat } from '../ops/index.js';
import { getGlobalSeed, key } from '../random/index.js';
import { Tensor } from '../ops/tensor.js';
import type { Variable } from '../ops/tensor.js';
import type { CallContext } from '../layers/index.js';
import type { CompileArgs, CompiledState } from './compile.js';
import { compileState } from './compile.js';
import type { DataInput, ModelData } from './data.js';
import { checkBatchSize, toSamples } from './data.js';
import { EpochIterator } from './epoch-iterator.js';
import type { EvaluateArgs } from './evaluate.js';
import { evaluateLoop } from './evaluate.js';
import type { FitArgs } from './fit.js';
import { fitLoop, trainBatch } from './fit.js';
import type { Dataset } from '../data/index.js';
import type { EvaluateDatasetArgs, FitDatasetArgs } from './fit-dataset.js';
import { evaluateDatasetLoop, fitDatasetLoop } from './fit-dataset.js';
import type { History } from './history.js';
import { formatSummary } from './summary.js';
import type { SaveConfig, SaveDestination, SaveResult } from './saving.js';
import { saveThroughSaver } from './saving.js';
import type { SymbolicTensorInfo } from './symbolic.js';
import { describeSymbolic } from './symbolic.js';
import { anyStateful, findLayer, resetLayerStates } from './model-layers.js';

/** Arguments of `sequential`. */
export interface SequentialArgs {
  layers?: Layer[];
  name?: string;
}

/** Options of `predict`. */
export interface PredictArgs {
  /** Rows per forward pass (default 32). The result's bits do not depend on it. */
  batchSize?: number;
  verbose?: boolean | number;
  allowNonFinite?: boolean;
}

/**
 * A linear stack of layers (TF.js `tf.sequential`, Keras `Sequential`): `add` layers, `compile`,
 * `fit`, `evaluate`, `predict`.
 * @example const model = sequential({ layers: [layers.dense({ units: 1, inputShape: [3] })] });
 */
export class Sequential {
  readonly className: string = 'Sequential';
  readonly name: string;
  readonly layers: Layer[] = [];
  /** Set by a callback (e.g. early stopping) to end `fit` after the current batch or epoch. */
  stopTraining = false;
  private declaredInput: SymbolicShape | undefined;
  private builtInput: SymbolicShape | undefined;
  /** Output shape of the last layer for `builtInput`. */
  private builtOutput: SymbolicShape | undefined;
  /** Whether `builtInput` is the declared input; then `add` builds just the new layer. */
  private builtForDeclared = false;
  /** The layers and their names, so that `add` checks for duplicates in O(1). */
  private readonly layerSet = new Set<Layer>();
  private readonly layerNames = new Set<string>();
  /** Compiled optimizer, loss and metrics; undefined until `compile`. */
  compiled: CompiledState | undefined;
  private trainableFlag = true;

  constructor(args: SequentialArgs = {}) {
    this.name = args.name ?? uniqueName(toSnakeCase('Sequential'));
    for (const layer of args.layers ?? []) this.add(layer);
  }

  /**
   * Appends a layer. Its random purpose path becomes its position (`0.Dense`), so a model of
   * the same structure built under the same seed has the same initial weights.
   */
  add(layer: Layer): void {
    if (typeof (layer as Partial<Layer>)?.invoke !== 'function') throw new Error(`${this.name}.add: expected a layer (e.g. layers.dense({units: 1})), received ${String(layer)}`);
    this.syncLayerSets();
    if (this.layerSet.has(layer)) throw new Error(`${this.name}.add: layer '${layer.name}' is already in the model`);
    // Weight names (`<layer>/<weight>`) key gradients and weight files, so they must be unique.
    if (this.layerNames.has(layer.name)) throw new Error(`${this.name}.add: the model already has a layer named '${layer.name}'; layer names must be unique within a model`);
    if (layer instanceof InputLayer) {
      if (this.layers.length > 0 || this.declaredInput) throw new Error(`${this.name}.add: an inputLayer must come first`);
      this.declaredInput = layer.batchInputShape;
      return;
    }
    if (this.layers.length === 0 && !this.declaredInput) this.declaredInput = layer.batchInputShape;
    else if (layer.batchInputShape && this.layers.length > 0) {
      throw new Error(`${this.name}.add: only the first layer may declare inputShape; layer '${layer.name}' declares ${formatSymbolicShape(layer.batchInputShape)}`);
    }
    // NOTE: when the model is built for its declared input, only the new layer needs building:
    // rebuilding every layer on each add made loading n layers cost O(n²).
    const previous = this.builtForDeclared ? this.builtOutput : undefined;
    layer.randomPath = `${this.layers.length}.${layer.className}`;
    if (previous) {
      layer.ensureBuilt(previous);
      const output = singleOutputShape(layer, previous);
      this.pushLayer(layer);
      this.builtOutput = output;
      return;
    }
    this.pushLayer(layer);
    this.builtInput = undefined;
    this.builtOutput = undefined;
    this.builtForDeclared = false;
    if (this.declaredInput) this.build(this.declaredInput);
  }

  private pushLayer(layer: Layer): void {
    this.layers.push(layer);
    this.layerSet.add(layer);
    this.layerNames.add(layer.name);
  }

  /**
   * Rebuilds the duplicate-check sets if `layers` was changed directly (it is a public array);
   * the cached output shape is then stale too, so the next add rebuilds every layer.
   */
  private syncLayerSets(): void {
    const last = this.layers[this.layers.length - 1];
    if (this.layerSet.size === this.layers.length && (last === undefined || this.layerSet.has(last))) return;
    this.builtForDeclared = false;
    this.layerSet.clear();
    this.layerNames.clear();
    for (const l of this.layers) {
      this.layerSet.add(l);
      this.layerNames.add(l.name);
    }
  }

  /** Builds every layer for inputs of `inputShape` (with batch axis). */
  build(inputShape?: SymbolicShape): void {
    const shape = inputShape ?? this.declaredInput;
    if (!shape) throw new Error(`${this.name}: the input shape is unknown; give the first layer inputShape, or call fit/predict first`);
    let current: SymbolicShape = shape.slice();
    for (const layer of this.layers) {
      layer.ensureBuilt(current);
      current = singleOutputShape(layer, current);
    }
    this.builtInput = shape.slice();
    this.builtOutput = current;
    this.builtForDeclared = inputShape === undefined || inputShape === this.declaredInput;
  }

  /** Whether every layer is built. */
  get built(): boolean {
    return this.builtInput !== undefined;
  }

  /** Input shape with batch axis, once known. */
  get inputShape(): SymbolicShape | undefined {
    return this.builtInput ?? this.declaredInput;
  }

  /** Output shape with batch axis, once built. */
  get outputShape(): SymbolicShape | undefined {
    return this.builtInput ? this.builtOutput?.slice() : undefined;
  }

  /** TF.js `model.inputs`: the input's shape (batch axis null) and dtype, once known. */
  get inputs(): SymbolicTensorInfo[] {
    return describeSymbolic(`${this.layers[0]?.name ?? this.name}_input`, this.inputShape, this.layers[0]?.dtype ?? 'float32');
  }

  /** TF.js `model.outputs`: the output's shape (batch axis null), once built. */
  get outputs(): SymbolicTensorInfo[] {
    const last = this.layers[this.layers.length - 1];
    return describeSymbolic(`${last?.name ?? this.name}/output`, this.outputShape, 'float32');
  }

  /** The layer named `name`, or at position `index` (TF.js also accepts the index alone). */
  getLayer(nameOrIndex?: string | number, index?: number): Layer {
    return findLayer(this.name, this.layers, nameOrIndex, index);
  }

  /** Whether fit may update the weights; setting it sets every layer's flag. */
  get trainable(): boolean {
    return this.trainableFlag;
  }
  set trainable(value: boolean) {
    this.trainableFlag = value;
    for (const l of this.layers) l.trainable = value;
  }

  /** All weights, layer by layer (kernel before bias). */
  get weights(): Variable[] {
    return this.layers.flatMap((l) => l.weights);
  }
  /** The weights fit updates. */
  get trainableWeights(): Variable[] {
    return this.layers.flatMap((l) => l.trainableWeights);
  }
  /** The weights fit leaves alone. */
  get nonTrainableWeights(): Variable[] {
    return this.layers.flatMap((l) => l.nonTrainableWeights);
  }
  /**
   * Whether any layer carries states between calls (TF.js `model.stateful`).
   * @example sequential({ layers: [layers.lstm({ units: 4, stateful: true, batchInputShape: [8, 10, 3] })] }).stateful // true
   */
  get stateful(): boolean {
    return anyStateful(this.layers);
  }

  /**
   * Clears the carried states of every stateful layer (TF.js `model.resetStates()`); layers that
   * carry none are left alone.
   * @example model.resetStates() // before feeding the next independent sequences
   */
  resetStates(): void {
    resetLayerStates(this.layers);
  }

  /** Copies of all weight values. */
  getWeights(): Tensor[] {
    return this.weights.map((v) => v.clone());
  }
  /** Replaces all weight values, in `getWeights` order. */
  setWeights(values: readonly Tensor[]): void {
    const count = this.weights.length;
    if (values.length !== count) throw new Error(`${this.name}.setWeights: expected ${count} tensors, received ${values.length}`);
    let at = 0;
    for (const layer of this.layers) {
      const n = layer.weights.length;
      layer.setWeights(values.slice(at, at + n));
      at += n;
    }
  }
  /** Number of scalar weights. */
  countParams(): number {
    return this.layers.reduce((n, l) => n + l.countParams(), 0);
  }

  /** Builds the model for samples of `shape` if needed and checks that they fit. Internal. */
  checkInput(shape: readonly number[]): void {
    if (!this.builtInput) this.build([null, ...shape.slice(1)]);
    const expected = this.builtInput as SymbolicShape;
    if (shape.length !== expected.length || expected.some((d, i) => i > 0 && d !== null && d !== shape[i])) {
      const first = this.layers[0]?.name ?? this.name;
      throw new Error(`${first}: expected input shape [${expected.map((d) => (d === null ? '*' : String(d))).join(', ')}], received [${shape.join(', ')}]`);
    }
  }

  /** The input's name (TF.js: the input layer's), for dict data. */
  get inputNames(): string[] {
    return [`${this.layers[0]?.name ?? this.name}_input`];
  }

  /** The output's name: the last layer's. */
  get outputNames(): string[] {
    return [this.layers[this.layers.length - 1]?.name ?? this.name];
  }

  /** `checkInput` for the one input. Internal. */
  checkInputs(shapes: readonly (readonly number[])[]): void {
    if (shapes.length !== 1) throw new Error(`${this.name}: a Sequential model has one input, received ${shapes.length}`);
    this.checkInput(shapes[0] as number[]);
  }

  /** `forward` on the one input, as a list of one output. Internal. */
  forwardAll(xs: Tensor[], ctx: CallContext): Tensor[] {
    return [this.forward(xs[0] as Tensor, ctx)];
  }

  /** The input shape as a list of one, once known. Internal. */
  inputShapes(): SymbolicShape[] | undefined {
    const shape = this.inputShape;
    return shape ? [shape.slice()] : undefined;
  }

  /** The output shape as a list of one, once built. Internal. */
  outputShapes(): SymbolicShape[] | undefined {
    const out = this.outputShape;
    return out ? [out] : undefined;
  }

  /** Runs the layers on a batch. Internal: use `predict` or `apply`. */
  forward(x: Tensor, ctx: CallContext): Tensor {
    this.checkInput(x.shape);
    // A mask (from Masking or Embedding with maskZero) travels with the tensor, as in Keras.
    let mask: Tensor | null = null;
    // int32 data (counts, codes) for float layers is its float32 values, as TF.js accepts it; an Embedding takes it as is.
    const first = this.layers[0];
    let h = x.dtype === 'int32' && first && first.dtype === 'float32' && !(first instanceof Embedding) ? cast(x, 'float32') : x;
    for (const layer of this.layers) {
      const y = layer.invoke(h, mask ? { ...ctx, mask } : ctx);
      mask = layer.computeMask(h, mask);
      h = y;
    }
    return h;
  }

  /** Applies the model to a tensor, like a layer (TF.js `model.apply`). */
  apply(x: DataInput, args: { training?: boolean } = {}): Tensor {
    // NOTE: Sequential is not a Layer, so it cannot be a node of a functional graph; a TF.js port may try.
    if (isSymbolic(x)) throw new Error(`${this.name}.apply: a Sequential model cannot be applied to symbolic tensors (nested in a functional model) yet; apply its layers in turn, which shares their weights: ${this.name}.layers.reduce((h, layer) => layer.apply(h), x)`);
    return this.forward(toSamples(x, 'x', `${this.name}.apply`, true), { training: args.training ?? false, step: 0, seedKey: key(getGlobalSeed()) });
  }

  /**
   * Predictions for `x`, computed in batches. Every op is row-independent and has one order of
   * arithmetic, so the bits do not depend on `batchSize`.
   */
  predict(x: DataInput, args: PredictArgs = {}): Tensor {
    const method = `${this.name}.predict`;
    const data = toSamples(x, 'x', method, args.allowNonFinite ?? false);
    this.checkInput(data.shape);
    const batchSize = checkBatchSize(args.batchSize ?? 32, method);
    const ctx: CallContext = { training: false, step: 0, seedKey: key(getGlobalSeed()) };
    const parts: Tensor[] = [];
    for (const batch of new EpochIterator({ x: data }, { batchSize }).epoch(0)) parts.push(this.forward(batch.x[0] as Tensor, ctx));
    return parts.length === 1 ? (parts[0] as Tensor) : concat(parts, 0);
  }

  /** Predictions for one batch (TF.js `predictOnBatch`). */
  predictOnBatch(x: DataInput): Tensor {
    const data = toSamples(x, 'x', `${this.name}.predictOnBatch`, false);
    return this.forward(data, { training: false, step: 0, seedKey: key(getGlobalSeed()) });
  }

  /**
   * Configures training: optimizer (instance or id such as `'adam'`), loss (function or id such
   * as `'categoricalCrossentropy'` or Keras's `'categorical_crossentropy'`), metrics.
   * @example model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['accuracy'] })
   */
  compile(args: CompileArgs): void {
    this.compiled = compileState(args, this.name, this.outputNames);
  }

  /** The compiled optimizer (TF.js `model.optimizer`). */
  get optimizer(): Optimizer | undefined {
    return this.compiled?.optimizer;
  }

  /**
   * Trains for `epochs` epochs and returns the History (TF.js `fit`). Shuffling, dropout and
   * every other random choice derive from the seed in force when fit starts and the model's
   * count of training calls, so each call draws anew (`training-calls.ts`).
   * @example const history = await model.fit(x, y, { epochs: 10, batchSize: 32, validationSplit: 0.1 });
   */
  fit(x: ModelData, y: ModelData, args: FitArgs = {}): Promise<History> {
    return fitLoop(this, x, y, args);
  }

  /** Loss (and metrics) on `x`, `y`: a scalar, or [loss, ...metrics] when metrics are compiled. */
  evaluate(x: ModelData, y: ModelData, args: EvaluateArgs = {}): Tensor | Tensor[] {
    return evaluateLoop(this, x, y, args);
  }

  /**
   * Trains on a dataset of `{xs, ys}` (or `[xs, ys]`) batches (TF.js `fitDataset`): epoch e is
   * pass e of the dataset, or with `batchesPerEpoch` one pass runs across epochs. Checkpoints
   * (backupAndRestore) resume mid-epoch to the same bits on restartable datasets.
   * @example await model.fitDataset(data.array(rows).shuffle(100, 1).batch(32), { epochs: 5 });
   */
  fitDataset<T>(dataset: Dataset<T>, args: FitDatasetArgs<T>): Promise<History> {
    return fitDatasetLoop(this, dataset as Dataset<unknown>, args as FitDatasetArgs);
  }

  /** Loss (and metrics) over one pass of a dataset of `{xs, ys}` batches (TF.js `evaluateDataset`). */
  evaluateDataset<T>(dataset: Dataset<T>, args: EvaluateDatasetArgs = {}): Promise<Tensor | Tensor[]> {
    return evaluateDatasetLoop(this, dataset as Dataset<unknown>, args);
  }

  /** One gradient step on one batch; returns the loss, or [loss, ...metrics]. */
  trainOnBatch(x: ModelData, y: ModelData): Promise<number | number[]> {
    return Promise.resolve(trainBatch(this, x, y));
  }

  /**
   * Saves the model in the TF.js Layers format (TF.js `model.save`): `'file://dir'` in Node
   * (model.json + weights.bin, written atomically), `'downloads://name'` or
   * `'indexeddb://name'` in browsers, or any IOHandler (`io.withSaveHandler`).
   * @example await model.save('file://./my-model', { includeOptimizer: true });
   */
  save(handlerOrUrl: SaveDestination, config: SaveConfig = {}): Promise<SaveResult> {
    return saveThroughSaver(this, handlerOrUrl, config);
  }

  /**
   * Prints a Keras-style summary table (TF.js signature: lineLength, positions, printFn).
   * @example model.summary()
   */
  summary(lineLength?: number, _positions?: number[], printFn: (line: string) => void = console.log): void {
    if (!this.built && this.declaredInput) this.build();
    let shape = this.builtInput;
    const rows = this.layers.map((layer) => {
      shape = shape ? singleOutputShape(layer, shape) : undefined;
      return { layer: `${layer.name} (${layer.className})`, outputShape: shape ? formatSymbolicShape(shape) : '?', params: layer.countParams() };
    });
    const count = (vs: Variable[]): number => vs.reduce((n, v) => n + v.size, 0);
    const optimizerParams = this.compiled?.optimizer.getWeights().reduce((n, w) => n + w.tensor.size, 0);
    const lines = formatSummary(this.name, rows, {
      trainable: count(this.trainableWeights),
      nonTrainable: count(this.nonTrainableWeights),
      ...(optimizerParams ? { optimizer: optimizerParams } : {}),
    }, lineLength);
    for (const line of lines) printFn(line);
  }
}

/**
 * Creates a Sequential model (TF.js `tf.sequential`).
 * @example const model = sequential(); model.add(layers.dense({ units: 1, inputShape: [1] }));
 */
export function sequential(args: SequentialArgs = {}): Sequential {
  return new Sequential(args);
}
