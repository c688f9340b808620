import type { ConfigDict } from '../initializers/initializer.js';
import type { Initializer } from '../initializers/initializer.js';
import type { InitializerIdentifier } from '../initializers/index.js';
import { getInitializer, serializeInitializer } from '../initializers/index.js';
import { add, div, matMul, reshape, slice, split, stack, where } from '../ops/index.js';
import { zeros } from '../ops/create.js';
import { Tensor } from '../ops/tensor.js';
import type { Variable } from '../ops/tensor.js';
import { bernoulliMask, foldIn, foldInPath } from '../random/index.js';
import type { RandomKey } from '../random/index.js';
import { activationName, getActivation } from './activations.js';
import type { Constraint, ConstraintIdentifier } from './constraints.js';
import { getConstraint, serializeConstraint } from './constraints.js';
import type { Regularizer, RegularizerIdentifier } from './regularizers.js';
import { getRegularizer, serializeRegularizer } from './regularizers.js';
import type { ActivationFn } from './activations.js';
import type { ConfigReader } from './config-reader.js';
import { put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerOutput, MultiOutputLayer, SymbolicShape, WeightShape } from './layer.js';
import { Layer } from './layer.js';
import { layerSeedKey } from './noise-key.js';

/** Arguments every recurrent layer takes (TF.js `SimpleRNNLayerArgs` and friends). */
export interface RNNBaseArgs extends LayerArgs {
  /** Size of the output and of each state. */
  units: number;
  /** Activation of the output (default 'tanh'). */
  activation?: string;
  /** Whether to add biases (default true). */
  useBias?: boolean;
  /** Input kernel initializer (default glorotUniform, as Keras; TF.js: glorotNormal). */
  kernelInitializer?: InitializerIdentifier;
  /** Recurrent kernel initializer (default orthogonal). */
  recurrentInitializer?: InitializerIdentifier;
  /** Bias initializer (default zeros). */
  biasInitializer?: InitializerIdentifier;
  /** Penalties added to the training loss (e.g. `regularizers.l2()`), as Dense's. */
  kernelRegularizer?: RegularizerIdentifier | null;
  recurrentRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  /** Penalty on the output (the first output with returnState). */
  activityRegularizer?: RegularizerIdentifier | null;
  /** Projections after each update (e.g. `constraints.maxNorm()`), as Dense's. */
  kernelConstraint?: ConstraintIdentifier | null;
  recurrentConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
  /** Fraction of the input features to drop in training: one mask per sequence. */
  dropout?: number;
  /** Fraction of the recurrent state's units to drop in training: one mask per sequence. */
  recurrentDropout?: number;
  /** Output every timestep ([batch, time, units]) instead of the last ([batch, units]). */
  returnSequences?: boolean;
  /** Return `[output, ...finalStates]` (functional models only). */
  returnState?: boolean;
  /** Run over the sequence backwards (outputs come in that reversed order). */
  goBackwards?: boolean;
  /** Start each batch from the previous batch's final states (reset with `resetStates`). */
  stateful?: boolean;
  /** Accepted for compatibility: unrolling changes nothing here. */
  unroll?: boolean;
  /** Accepted for compatibility: one implementation computes every mode. */
  implementation?: number;
  /** A seed of the layer's own for the dropout masks, instead of the global one. */
  seed?: number;
  /** Shorthand for the feature count of `inputShape: [inputLength, inputDim]`. */
  inputDim?: number;
  /** Shorthand for the sequence length of `inputShape: [inputLength, inputDim]`. */
  inputLength?: number;
}

/** A sequence's states while the loop runs: `[h]` or `[h, c]`, each [batch, units]. */
export type RNNStates = Tensor[];

function withInputShape(args: RNNBaseArgs): RNNBaseArgs {
  if (args.inputShape !== undefined || args.batchInputShape !== undefined || (args.inputDim === undefined && args.inputLength === undefined)) return args;
  return { ...args, inputShape: [args.inputLength ?? null, args.inputDim ?? null] };
}

/**
 * The loop shared by SimpleRNN, LSTM and GRU (Keras `RNN` with its cell). For an input
 * [batch, time, features], step by step in time order (reversed with goBackwards): x_t (after
 * dropout) times the kernel plus the input bias, then the subclass's `step` from that and the
 * previous states. Each element of x_t·W is the sum over features in increasing order, the same
 * bits as one matMul over all timesteps would give. The gradient is the tape's
 * (backpropagation through time). A mask keeps the previous output and states at masked steps.
 *
 * NOTE: x_t·W per step, not one [batch·time, features] product sliced afterwards: a slice's
 * gradient is its input's full size, so slicing the product made the backward pass add
 * log2(T) (or T) products-sized gradients; per step, x's slices are only as large as x and cost
 * nothing when x needs no gradient (a model's input). Measured 1.6× faster training (LSTM 32
 * units, 20 steps, batch 64). LSTM and GRU fuse each step's elementwise ops (ops/recurrent-cell.ts).
 */
export abstract class RNNBase extends Layer implements MultiOutputLayer {
  /** `apply` may return several tensors (returnState, mergeMode null). */
  readonly multiOutput = true as const;
  readonly units: number;
  readonly activation: string;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly recurrentRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly recurrentConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly unroll: boolean;
  readonly seed: number | null;
  protected readonly activationFn: ActivationFn;
  protected kernel: Variable | undefined;
  protected recurrentKernel: Variable | undefined;
  protected bias: Variable | undefined;
  /** The constructor's arguments, for `copyWith`. */
  private readonly args: RNNBaseArgs;
  /** The states a stateful layer carries to its next call (no gradient flows through them). */
  private carried: RNNStates | undefined;
  /** How many state tensors the cell has: 1 (h) or 2 (h, c). */
  protected abstract readonly stateCount: number;
  /** How many blocks of `units` columns the kernels have: 1, 3 (z, r, h) or 4 (i, f, c, o). */
  protected abstract readonly gateCount: number;

  constructor(className: string, args: RNNBaseArgs) {
    super(className, withInputShape(args));
    this.args = args;
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`${this.name}: units must be a positive integer. Received: units=${String(args.units)}`);
    for (const [name, v] of [['dropout', args.dropout], ['recurrentDropout', args.recurrentDropout]] as const) {
      if (v !== undefined && (typeof v !== 'number' || !(v >= 0 && v <= 1))) throw new Error(`${this.name}: ${name} must be a number in [0, 1]. Received: ${name}=${String(v)}`);
    }
    if (args.seed !== undefined && !Number.isSafeInteger(args.seed)) throw new Error(`${this.name}: seed must be an integer. Received: seed=${String(args.seed)}`);
    this.units = args.units;
    this.activation = activationName(args.activation ?? 'tanh');
    this.activationFn = getActivation(this.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.recurrentInitializer = getInitializer(args.recurrentInitializer ?? 'orthogonal');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.recurrentRegularizer = getRegularizer(args.recurrentRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.activityRegularizer = getRegularizer(args.activityRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.recurrentConstraint = getConstraint(args.recurrentConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.dropout = args.dropout ?? 0;
    this.recurrentDropout = args.recurrentDropout ?? 0;
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.stateful = args.stateful ?? false;
    this.unroll = args.unroll ?? false;
    this.seed = args.seed ?? null;
    this.supportsMasking = true;
  }

  /** One timestep: `z` = this step's x·kernel + input bias [batch, gates·units]; `hr` = h after recurrent dropout. */
  protected abstract step(z: Tensor, states: RNNStates, hr: Tensor): RNNStates;

  /**
   * A fresh, unbuilt layer of the same class and options, except `name` and `goBackwards`
   * (Bidirectional's two directions); no input shape or initial weights.
   */
  copyWith(name: string, goBackwards: boolean): RNNBase {
    const rest: RNNBaseArgs = { ...this.args, name, goBackwards };
    for (const k of ['inputShape', 'batchInputShape', 'batchSize', 'inputDim', 'inputLength', 'weights'] as const) delete rest[k];
    return new (this.constructor as new (args: RNNBaseArgs) => RNNBase)(rest);
  }

  /** Called once per sequence before the steps (GRU slices its recurrent weights here, once). */
  protected beginSequence(): void {}

  /** The bias shape (GRU with resetAfter: [2, 3·units]). */
  protected biasShape(): number[] {
    return [this.gateCount * this.units];
  }

  /** The initializer of the bias (LSTM with unitForgetBias: ones for the forget gate). */
  protected biasInit(): Initializer {
    return this.biasInitializer;
  }

  /** The part of the bias added to x·kernel (all of it, except GRU with resetAfter). */
  protected inputBias(): Tensor | undefined {
    return this.bias;
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    const features = inputShape[2];
    const expected = this.kernel?.shape[0] ?? null;
    if (inputShape.length !== 3 || features === null || features === undefined || (expected !== null && features !== expected)) {
      throw new Error(`${this.name}: expected input of rank 3 [batch, time, ${expected ?? 'features'}], received [${inputShape.map(String).join(', ')}]`);
    }
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    const cols = this.gateCount * this.units;
    const shapes = [{ name: 'kernel', shape: [inputShape[inputShape.length - 1] ?? 0, cols] }, { name: 'recurrent_kernel', shape: [this.units, cols] }];
    return this.useBias ? [...shapes, { name: 'bias', shape: this.biasShape() }] : shapes;
  }

  override build(inputShape: SymbolicShape): void {
    const [kernel, recurrent, bias] = this.weightShapes(inputShape) as [WeightShape, WeightShape, WeightShape?];
    this.kernel = this.addWeight(kernel.name, kernel.shape, this.kernelInitializer, true, this.kernelRegularizer, this.kernelConstraint);
    this.recurrentKernel = this.addWeight(recurrent.name, recurrent.shape, this.recurrentInitializer, true, this.recurrentRegularizer, this.recurrentConstraint);
    if (bias) this.bias = this.addWeight(bias.name, bias.shape, this.biasInit(), true, this.biasRegularizer, this.biasConstraint);
  }

  /** Clears the carried states of a stateful layer (zeros next call), or sets them. */
  resetStates(states?: Tensor | Tensor[]): void {
    if (!this.stateful) throw new Error(`${this.name}: resetStates needs a stateful layer (stateful: true)`);
    if (states === undefined) {
      this.carried = undefined;
      return;
    }
    const list = Array.isArray(states) ? states : [states];
    if (list.length !== this.stateCount || list.some((s) => s.rank !== 2 || s.shape[1] !== this.units)) {
      throw new Error(`${this.name}: resetStates expected ${this.stateCount} tensor(s) of shape [batch, ${this.units}], received ${list.map((s) => `[${s.shape.join(', ')}]`).join(', ')}`);
    }
    this.carried = list.map(detach);
  }

  /** The states a stateful layer will start its next call from (undefined after a reset). */
  get states(): Tensor[] | undefined {
    return this.carried?.map(detach);
  }

  call(input: Tensor | Tensor[], ctx: CallContext): LayerOutput {
    const [x, ...given] = Array.isArray(input) ? input : [input];
    if (!x) throw new Error(`${this.name}: expected an input tensor, received an empty list`);
    this.checkInputShape(x.shape);
    const [batch, time, features] = x.shape as [number, number, number];
    if (time < 1) throw new Error(`${this.name}: expected at least one timestep, received input shape [${x.shape.join(', ')}]`);
    let states = this.initialStates(batch, given);
    this.beginSequence();
    const seedKey = layerSeedKey(ctx, this.seed);
    const inputDrop = ctx.training ? dropper([batch, 1, features], this.dropout, seedKey, `${this.randomPath}/dropout_mask`, ctx.step) : undefined;
    const inputs = inputDrop ? inputDrop(x) : x;
    const inputBias = this.inputBias();
    const slices = unstackTime(inputs).map((xt) => {
      const xw = matMul(reshape(xt, [batch, features]), this.kernel as Variable);
      return inputBias ? add(xw, inputBias) : xw;
    });
    const recurrentDrop = ctx.training ? dropper([batch, this.units], this.recurrentDropout, seedKey, `${this.randomPath}/recurrent_dropout_mask`, ctx.step) : undefined;
    const mask = ctx.mask ? this.checkMask(ctx.mask, batch, time) : undefined;
    const outputs: Tensor[] = [];
    let previous: Tensor | undefined;
    for (let i = 0; i < time; i++) {
      const t = this.goBackwards ? time - 1 - i : i;
      const h = states[0] as Tensor;
      const hr = recurrentDrop ? recurrentDrop(h) : h;
      let next = this.step(slices[t] as Tensor, states, hr);
      let output = next[0] as Tensor;
      if (mask) {
        // Keras: a masked step keeps the previous output (zeros before the first) and states.
        const m = reshape(slice(mask, [0, t], [batch, 1]), [batch, 1]);
        output = where(m, output, previous ?? zeros([batch, this.units]));
        next = next.map((s, j) => where(m, s, states[j] as Tensor));
      }
      previous = output;
      states = next;
      outputs.push(output);
    }
    if (this.stateful) this.carried = states.map(detach);
    const y = this.returnSequences ? stack(outputs, 1) : (previous as Tensor);
    return this.returnState ? [y, ...states] : y;
  }

  private initialStates(batch: number, given: Tensor[]): RNNStates {
    if (given.length > 0) {
      if (given.length !== this.stateCount || given.some((s) => s.rank !== 2 || s.shape[0] !== batch || s.shape[1] !== this.units)) {
        throw new Error(`${this.name}: expected ${this.stateCount} initial state(s) of shape [${batch}, ${this.units}], received ${given.length}: ${given.map((s) => `[${s.shape.join(', ')}]`).join(', ')}`);
      }
      return given;
    }
    if (this.stateful && this.carried) {
      const carriedBatch = (this.carried[0] as Tensor).shape[0];
      if (carriedBatch !== batch) throw new Error(`${this.name}: a stateful layer carries states for batch size ${carriedBatch}, received a batch of ${batch}; call resetStates() or keep the batch size fixed`);
      return this.carried;
    }
    return Array.from({ length: this.stateCount }, () => zeros([batch, this.units]));
  }

  private checkMask(mask: Tensor, batch: number, time: number): Tensor {
    if (mask.dtype !== 'bool' || mask.rank !== 2 || mask.shape[0] !== batch || mask.shape[1] !== time) {
      throw new Error(`${this.name}: expected a bool mask of shape [${batch}, ${time}], received ${mask.dtype} [${mask.shape.join(', ')}]`);
    }
    return mask;
  }

  override computeMask(_input: Tensor | Tensor[], mask: Tensor | null): Tensor | null {
    return this.returnSequences ? mask : null;
  }

  computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape | SymbolicShape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as SymbolicShape;
    const batch = shape[0] ?? null;
    const output = this.returnSequences ? [batch, shape[1] ?? null, this.units] : [batch, this.units];
    return this.returnState ? [output, ...Array.from({ length: this.stateCount }, () => [batch, this.units])] : output;
  }

  /** The config keys every recurrent layer writes, in TF.js's order around `extra`. */
  protected rnnConfig(head: ConfigDict, extra: ConfigDict): ConfigDict {
    return {
      units: this.units,
      activation: this.activation,
      ...head,
      use_bias: this.useBias,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      recurrent_initializer: serializeInitializer(this.recurrentInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      ...extra,
      kernel_regularizer: serializeRegularizer(this.kernelRegularizer),
      recurrent_regularizer: serializeRegularizer(this.recurrentRegularizer),
      bias_regularizer: serializeRegularizer(this.biasRegularizer),
      activity_regularizer: serializeRegularizer(this.activityRegularizer),
      kernel_constraint: serializeConstraint(this.kernelConstraint),
      recurrent_constraint: serializeConstraint(this.recurrentConstraint),
      bias_constraint: serializeConstraint(this.biasConstraint),
      dropout: this.dropout,
      recurrent_dropout: this.recurrentDropout,
      seed: this.seed,
      return_sequences: this.returnSequences,
      return_state: this.returnState,
      go_backwards: this.goBackwards,
      stateful: this.stateful,
      unroll: this.unroll,
    };
  }
}

/** The arguments every recurrent layer reads from its file config. */
export function readRNNArgs(r: ConfigReader): RNNBaseArgs {
  r.unsupported(['time_major', 'zero_output_for_mask']);
  const args: RNNBaseArgs = { ...r.base(), units: r.requiredInt('units', 1) };
  put(args, 'activation', r.string('activation'));
  put(args, 'useBias', r.bool('use_bias'));
  put(args, 'kernelInitializer', r.initializer('kernel_initializer'));
  put(args, 'recurrentInitializer', r.initializer('recurrent_initializer'));
  put(args, 'biasInitializer', r.initializer('bias_initializer'));
  for (const [file, name] of [['kernel_regularizer', 'kernelRegularizer'], ['recurrent_regularizer', 'recurrentRegularizer'], ['bias_regularizer', 'biasRegularizer'], ['activity_regularizer', 'activityRegularizer']] as const) put(args, name, r.regularizer(file));
  for (const [file, name] of [['kernel_constraint', 'kernelConstraint'], ['recurrent_constraint', 'recurrentConstraint'], ['bias_constraint', 'biasConstraint']] as const) put(args, name, r.constraint(file));
  for (const [file, name] of [['dropout', 'dropout'], ['recurrent_dropout', 'recurrentDropout']] as const) {
    const v = r.get(file);
    if (v !== undefined && typeof v !== 'number') throw new Error(`${r.cls} config: ${file} must be a number in [0, 1], received ${file}=${JSON.stringify(v)}`);
    put(args, name, v);
  }
  put(args, 'seed', r.int('seed', Number.MIN_SAFE_INTEGER));
  put(args, 'returnSequences', r.bool('return_sequences'));
  put(args, 'returnState', r.bool('return_state'));
  put(args, 'goBackwards', r.bool('go_backwards'));
  put(args, 'stateful', r.bool('stateful'));
  return put(args, 'unroll', r.bool('unroll'));
}

/**
 * The timesteps of x [batch, time, n] as [batch, 1, n] tensors, split in halves recursively.
 * NOTE: a slice's gradient is padded back to its input's full size, so T slices of one tensor
 * cost T full-size pads and sums in the backward pass (quadratic in T); halving keeps it at
 * log2(T) full-size passes. Same values and bits as slicing directly.
 */
function unstackTime(x: Tensor): Tensor[] {
  const time = x.shape[1] as number;
  if (time === 1) return [x];
  const half = Math.ceil(time / 2);
  const [a, b] = split(x, [half, time - half], 1) as [Tensor, Tensor];
  return [...unstackTime(a), ...unstackTime(b)];
}

function detach(t: Tensor): Tensor {
  return new Tensor(t.values.slice(), t.shape.slice(), t.dtype);
}

/**
 * Dropout with one mask per sequence, the same at every timestep (Keras): kept elements are
 * scaled by 1/(1 − rate), as Dropout does. The mask of `maskShape` (1 on an axis it broadcasts
 * over) is `bernoulliMask(foldIn(foldInPath(seedKey, path), step), size, 1 − rate)`: a pure
 * function of (seed, layer position, training step, element). As Keras, a rate of 1 drops nothing.
 */
function dropper(maskShape: number[], rate: number, seedKey: RandomKey, path: string, step: number): ((t: Tensor) => Tensor) | undefined {
  if (!(rate > 0 && rate < 1)) return undefined;
  const keep = 1 - rate;
  const count = maskShape.reduce((p, d) => p * d, 1);
  const mask = new Tensor(bernoulliMask(foldIn(foldInPath(seedKey, path), step), count, keep), maskShape, 'bool');
  return (t) => where(mask, div(t, keep), 0);
}
