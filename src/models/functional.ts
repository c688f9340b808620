import type { CallContext, LayerNode, MultiOutputLayer, SymbolicShape } from '../layers/index.js';
import { InputLayer, Layer, Merge, SymbolicTensor, isShapeList } from '../layers/index.js';
import { uniqueName } from '../layers/naming.js';
import type { ConfigDict } from '../initializers/initializer.js';
import type { Optimizer } from '../optimizers/index.js';
import { cast, concat } from '../ops/index.js';
import { getGlobalSeed, key } from '../random/index.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import type { CompileArgs, CompiledState } from './compile.js';
import { compileState } from './compile.js';
import type { ModelData } from './data.js';
import { checkBatchSize, checkSameRowsAll, toSampleList } from './data.js';
import type { EngineModel } from './engine.js';
import { EpochIterator } from './epoch-iterator.js';
import type { EvaluateArgs } from './evaluate.js';
import type { Dataset } from '../data/index.js';
import type { EvaluateDatasetArgs, FitDatasetArgs } from './fit-dataset.js';
import { evaluateDatasetLoop, fitDatasetLoop } from './fit-dataset.js';
import { evaluateLoop } from './evaluate.js';
import type { FitArgs } from './fit.js';
import { fitLoop, trainBatch } from './fit.js';
import { mapGraph } from './graph.js';
import type { History } from './history.js';
import type { SaveConfig, SaveDestination, SaveResult } from './saving.js';
import { saveThroughSaver } from './saving.js';
import type { PredictArgs } from './sequential.js';
import { functionalSummary } from './functional-summary.js';
import { anyStateful, findLayer, resetLayerStates } from './model-layers.js';

/** Arguments of `model` (TF.js `ContainerArgs`). */
export interface ModelArgs {
  /** The model's inputs, made by `input()`: one or a list. */
  inputs: SymbolicTensor | SymbolicTensor[];
  /** The model's outputs, made by applying layers to the inputs: one or a list. */
  outputs: SymbolicTensor | SymbolicTensor[];
  /** Model name (default `functional`, `functional_1`, … as Keras 3). */
  name?: string;
}

function symbolicList(value: unknown, what: string, modelName: string): SymbolicTensor[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new Error(`${modelName}: ${what} is empty; a model needs at least one`);
  list.forEach((t, i) => {
    if (!(t instanceof SymbolicTensor)) throw new Error(`${modelName}: ${what}${Array.isArray(value) ? `[${i}]` : ''} must be a symbolic tensor (from input() or layer.apply(symbolic)), received ${t instanceof Object ? (t.constructor?.name ?? 'an object') : String(t)}`);
  });
  return list as SymbolicTensor[];
}

/**
 * A model defined by a graph of layers (TF.js `tf.model` / `LayersModel`, Keras `Functional`):
 * several inputs and outputs, shared layers, branches. Each layer's random purpose path is its
 * index in `layers` (a function of the graph's structure) and class, so the same code gives the
 * same initial weights. A shared layer has one set of weights; their gradient is the sum of its
 * uses' contributions, added in reverse order of execution (the tape's order, DESIGN.md law 2).
 * The model is itself a layer: apply it to symbolic tensors to nest it in another model.
 * @example const x = input({ shape: [4] }); const m = model({ inputs: x, outputs: layers.dense({ units: 1 }).apply(x) });
 */
export class LayersModel extends Layer implements EngineModel, MultiOutputLayer {
  static readonly className: string = 'Model';
  readonly className: string = LayersModel.className;
  /** A model may have several outputs, so `apply` is typed as TF.js types it. */
  readonly multiOutput = true as const;
  /** The layers, input layers first, by decreasing depth (TF.js order). */
  readonly layers: Layer[];
  readonly inputs: SymbolicTensor[];
  readonly outputs: SymbolicTensor[];
  /** The calls to run, in execution order. */
  private readonly nodes: LayerNode[];
  /** Each call's index among its layer's calls in this model (0 for a layer used once), in `nodes` order. */
  private readonly uses: number[];
  stopTraining = false;
  /** Compiled optimizer, losses and metrics; undefined until `compile`. */
  compiled: CompiledState | undefined;

  constructor(args: ModelArgs) {
    super('Model', { name: (args as Partial<ModelArgs> | undefined)?.name ?? uniqueName('functional') });
    if (args === null || typeof args !== 'object') throw new Error(`model: expected {inputs, outputs}, received ${String(args)}`);
    const name = this.name;
    this.inputs = symbolicList(args.inputs, 'inputs', name);
    this.outputs = symbolicList(args.outputs, 'outputs', name);
    const graph = mapGraph(this.inputs, this.outputs, name);
    this.layers = graph.layers;
    this.nodes = graph.nodes;
    const inModel = new Set(this.nodes);
    this.uses = this.nodes.map((node) => node.layer.inboundNodes.filter((n) => inModel.has(n)).indexOf(node));
    // NOTE: paths from positions in `layers` (structure), never names: the same code gives the same weights.
    this.layers.forEach((layer, i) => (layer.randomPath = `${i}.${layer.className}`));
    for (const node of this.nodes) {
      const shapes = node.inputs.map((x) => x.shape);
      node.layer.ensureBuilt(node.listInput ? shapes : (shapes[0] as SymbolicShape));
    }
    this.built = true;
  }

  /** The input layers' names, in input order (dict data is keyed by them). */
  get inputNames(): string[] {
    return this.inputs.map((x) => x.sourceLayer.name);
  }

  /** The output layers' names, in output order (TF.js `outputNames`; log keys use them). */
  get outputNames(): string[] {
    return this.outputs.map((y) => y.sourceLayer.name);
  }

  /** The layers that make the inputs. */
  get inputLayers(): Layer[] {
    return this.inputs.map((x) => x.sourceLayer);
  }

  /** The layers that make the outputs. */
  get outputLayers(): Layer[] {
    return this.outputs.map((y) => y.sourceLayer);
  }

  /** Every call of the graph, in execution order (for serialization and summaries). */
  get graphNodes(): readonly LayerNode[] {
    return this.nodes;
  }

  /** The layer named `name`, or at position `index` (TF.js also accepts the index alone). */
  getLayer(nameOrIndex?: string | number, index?: number): Layer {
    return findLayer(this.name, this.layers, nameOrIndex, index);
  }

  /** All weights, layer by layer (a shared layer's once). */
  override get weights(): Variable[] {
    return this.layers.flatMap((l) => l.weights);
  }
  /** The weights fit updates (none when the model is not trainable). */
  override get trainableWeights(): Variable[] {
    return this.trainable ? this.layers.flatMap((l) => l.trainableWeights) : [];
  }
  /** Whether some layer (or a nested model's) carries states from batch to batch (TF.js `stateful`). */
  get stateful(): boolean {
    return anyStateful(this.layers);
  }

  /**
   * Clears the carried states of every stateful layer, nested models' included (TF.js
   * `model.resetStates()`); layers that carry none are left alone.
   * @example m.resetStates() // before feeding the next independent sequences
   */
  resetStates(): void {
    resetLayerStates(this.layers);
  }

  /** The weights fit leaves alone. */
  override get nonTrainableWeights(): Variable[] {
    return this.trainable ? this.layers.flatMap((l) => l.nonTrainableWeights) : this.weights;
  }

  /** The weight penalties of its layers, in layer order (a nested model's count in the outer model). */
  override regularizationLosses(): Tensor[] {
    return this.trainable ? this.layers.flatMap((l) => l.regularizationLosses()) : [];
  }

  /** Checks one batch shape per input against the inputs' shapes. Internal. */
  checkInputs(shapes: readonly (readonly number[])[]): void {
    if (shapes.length !== this.inputs.length) throw new Error(`${this.name}: expected ${this.inputs.length} input${this.inputs.length === 1 ? '' : 's'} (${this.inputNames.join(', ')}), received ${shapes.length}`);
    this.inputs.forEach((x, i) => {
      const shape = shapes[i] as number[];
      if (shape.length !== x.shape.length || x.shape.some((d, j) => d !== null && d !== shape[j])) {
        throw new Error(`${x.sourceLayer.name}: expected input shape [${x.shape.map((d) => (d === null ? '*' : String(d))).join(', ')}], received [${shape.join(', ')}]`);
      }
    });
  }

  /** Runs the graph on one batch per input; one tensor per output. Internal: use `predict` or `apply`. */
  forwardAll(xs: Tensor[], ctx: CallContext): Tensor[] {
    this.checkInputs(xs.map((t) => t.shape));
    // NOTE: the map answers lookups only; the order of computation is `nodes`.
    // int32 data for a float32 input (a count, a category code) is its float32 values, as TF.js
    // accepts it and Keras casts to the input's dtype; the reverse would hide non-integer indices.
    const asInput = (t: Tensor, x: SymbolicTensor): Tensor => (t.dtype === 'int32' && x.dtype === 'float32' ? cast(t, 'float32') : t);
    const values = new Map<SymbolicTensor, Tensor>(this.inputs.map((x, i) => [x, asInput(xs[i] as Tensor, x)]));
    // A mask (from Masking or Embedding with maskZero) travels with its tensor, as in Keras; a
    // layer reads its first input's, a merge layer combines them all.
    const masks = new Map<SymbolicTensor, Tensor | null>();
    this.nodes.forEach((node, n) => {
      if (node.layer instanceof InputLayer) return;
      const ins = node.inputs.map((x) => values.get(x) as Tensor);
      const nodeCtx: CallContext = { training: node.training ?? ctx.training, step: ctx.step, seedKey: ctx.seedKey };
      if (ctx.call) nodeCtx.call = ctx.call;
      if (ctx.losses) nodeCtx.losses = ctx.losses; // activity penalties of every layer, in execution order
      const use = this.uses[n] as number;
      if (ctx.use !== undefined || use > 0) nodeCtx.use = ctx.use === undefined ? String(use) : `${ctx.use}.${use}`;
      const inMask = masks.get(node.inputs[0] as SymbolicTensor) ?? null;
      if (inMask) nodeCtx.mask = inMask;
      const arg = node.listInput ? ins : (ins[0] as Tensor);
      const out = node.layer.invokeAll(arg, nodeCtx);
      // A merge layer combines all its inputs' masks (Keras 3), not only the first's.
      const outMask = node.layer instanceof Merge && Array.isArray(arg) ? node.layer.mergeMask(arg, node.inputs.map((x) => masks.get(x) ?? null)) : node.layer.computeMask(arg, inMask);
      const outs = Array.isArray(out) ? out : [out];
      if (outs.length !== node.outputs.length) throw new Error(`${node.layer.name}: returned ${outs.length} tensors where its computeOutputShape promised ${node.outputs.length}`);
      node.outputs.forEach((x, i) => {
        values.set(x, outs[i] as Tensor);
        masks.set(x, outMask);
      });
    });
    return this.outputs.map((y) => values.get(y) as Tensor);
  }

  /** Input shapes with batch axis. */
  inputShapes(): SymbolicShape[] {
    return this.inputs.map((x) => x.shape.slice());
  }

  /** Output shapes with batch axis. */
  outputShapes(): SymbolicShape[] {
    return this.outputs.map((y) => y.shape.slice());
  }

  /** The model as a layer: runs the graph (one tensor or a list, as the model has outputs). */
  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor | Tensor[] {
    const out = this.forwardAll(Array.isArray(inputs) ? inputs : [inputs], ctx);
    return out.length === 1 ? (out[0] as Tensor) : out;
  }

  /** The outputs' shapes for inputs of `inputShape`, the batch extent carried over. */
  computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape | SymbolicShape[] {
    const shapes: SymbolicShape[] = isShapeList(inputShape) ? inputShape : [inputShape as SymbolicShape];
    const batch = shapes[0]?.[0] ?? null;
    const out = this.outputs.map((y) => [batch, ...y.shape.slice(1)]);
    return out.length === 1 ? (out[0] as SymbolicShape) : out;
  }

  /** A model sees the shapes of all its inputs. */
  protected override listInputShape(shapes: SymbolicShape[]): SymbolicShape[] {
    return shapes;
  }

  protected override checkInputShape(inputShape: SymbolicShape | SymbolicShape[]): void {
    const shapes: SymbolicShape[] = isShapeList(inputShape) ? inputShape : [inputShape as SymbolicShape];
    if (shapes.length !== this.inputs.length) throw new Error(`${this.name}: expected ${this.inputs.length} input${this.inputs.length === 1 ? '' : 's'}, received ${shapes.length}`);
    this.inputs.forEach((x, i) => {
      const s = shapes[i] as SymbolicShape;
      if (s.length !== x.shape.length || x.shape.some((d, j) => j > 0 && d !== null && s[j] !== null && d !== s[j])) {
        throw new Error(`${this.name}: input ${i} ('${x.sourceLayer.name}') expects shape [${x.shape.map(String).join(', ')}], received [${s.map(String).join(', ')}]`);
      }
    });
  }

  protected layerConfig(): ConfigDict {
    return {};
  }

  /** The compiled optimizer (TF.js `model.optimizer`). */
  get optimizer(): Optimizer | undefined {
    return this.compiled?.optimizer;
  }

  /**
   * Configures training: an optimizer, a loss per output (one for all, a list, or a dict by
   * output name), metrics, and optionally `lossWeights`.
   * @example m.compile({ optimizer: 'adam', loss: ['mse', 'binaryCrossentropy'], metrics: { out_b: 'accuracy' } })
   */
  compile(args: CompileArgs): void {
    this.compiled = compileState(args, this.name, this.outputNames);
  }

  /**
   * Trains for `epochs` epochs (TF.js `fit`): x one array per input, y one per output (lists in
   * order, or dicts keyed by input / output name).
   * @example await m.fit([xa, xb], [ya, yb], { epochs: 5, batchSize: 16 })
   */
  fit(x: ModelData, y: ModelData, args: FitArgs = {}): Promise<History> {
    return fitLoop(this, x, y, args);
  }

  /** Loss and metrics: a scalar, or [loss, <output>_loss…, metrics…] (TF.js order). */
  evaluate(x: ModelData, y: ModelData, args: EvaluateArgs = {}): Tensor | Tensor[] {
    return evaluateLoop(this, x, y, args);
  }

  /** One gradient step on one batch; returns the loss, or [loss, …] as `evaluate`. */
  trainOnBatch(x: ModelData, y: ModelData): Promise<number | number[]> {
    return Promise.resolve(trainBatch(this, x, y));
  }

  /**
   * Trains on a dataset of `{xs, ys}` (or `[xs, ys]`) batches (TF.js `fitDataset`): xs one tensor
   * per input and ys one per output, as lists in order or dicts keyed by input / output name.
   * Epoch e is pass e of the dataset (or one pass across epochs with `batchesPerEpoch`).
   * @example await m.fitDataset(data.array(rows).shuffle(100, 1).batch(32), { epochs: 5 }) // rows: { xs: { in_a, in_b }, ys: { out1, out2 } }
   */
  fitDataset<T>(dataset: Dataset<T>, args: FitDatasetArgs<T>): Promise<History> {
    return fitDatasetLoop(this, dataset as Dataset<unknown>, args as FitDatasetArgs);
  }

  /**
   * Loss and metrics over one pass of a dataset of `{xs, ys}` batches (TF.js `evaluateDataset`):
   * a scalar, or [loss, <output>_loss…, metrics…], equal to `evaluate` on the same rows.
   * @example const [loss, out1Loss, out2Loss] = (await m.evaluateDataset(valid)) as Tensor[];
   */
  evaluateDataset<T>(dataset: Dataset<T>, args: EvaluateDatasetArgs = {}): Promise<Tensor | Tensor[]> {
    return evaluateDatasetLoop(this, dataset as Dataset<unknown>, args);
  }

  /**
   * Predictions, in batches; one tensor per output (a list for several). The bits do not depend
   * on `batchSize`.
   */
  predict(x: ModelData, args: PredictArgs = {}): Tensor | Tensor[] {
    const method = `${this.name}.predict`;
    const xs = toSampleList(x, this.inputNames, 'x', method, args.allowNonFinite ?? false);
    this.checkInputs(xs.map((t) => t.shape));
    checkSameRowsAll(xs, [], method); // NOTE: the batches follow x[0]; extra rows elsewhere would be dropped silently
    const batchSize = checkBatchSize(args.batchSize ?? 32, method);
    const ctx: CallContext = { training: false, step: 0, seedKey: key(getGlobalSeed()) };
    const parts: Tensor[][] = this.outputs.map(() => []);
    for (const batch of new EpochIterator({ x: xs }, { batchSize }).epoch(0)) this.forwardAll(batch.x, ctx).forEach((t, i) => parts[i]?.push(t));
    const out = parts.map((p) => (p.length === 1 ? (p[0] as Tensor) : concat(p, 0)));
    return out.length === 1 ? (out[0] as Tensor) : out;
  }

  /** Predictions for one batch (TF.js `predictOnBatch`). */
  predictOnBatch(x: ModelData): Tensor | Tensor[] {
    const xs = toSampleList(x, this.inputNames, 'x', `${this.name}.predictOnBatch`, false);
    checkSameRowsAll(xs, [], `${this.name}.predictOnBatch`);
    const out = this.forwardAll(xs, { training: false, step: 0, seedKey: key(getGlobalSeed()) });
    return out.length === 1 ? (out[0] as Tensor) : out;
  }

  /**
   * Saves the model in the TF.js Layers format (class_name 'Model'), through a URL or IOHandler.
   * @example await m.save('file://./my-model')
   */
  save(handlerOrUrl: SaveDestination, config: SaveConfig = {}): Promise<SaveResult> {
    return saveThroughSaver(this, handlerOrUrl, config);
  }

  /**
   * Prints a Keras-style summary with the "Connected to" column (TF.js signature).
   * @example m.summary()
   */
  summary(lineLength?: number, _positions?: number[], printFn: (line: string) => void = console.log): void {
    for (const line of functionalSummary(this, lineLength)) printFn(line);
  }
}

/**
 * Creates a functional model from symbolic inputs and outputs (TF.js `tf.model`).
 * @example const x = input({ shape: [3] }); const m = model({ inputs: x, outputs: layers.dense({ units: 2 }).apply(x) });
 */
export function model(args: ModelArgs): LayersModel {
  return new LayersModel(args);
}
