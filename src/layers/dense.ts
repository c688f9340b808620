import type { ConfigDict } from '../initializers/initializer.js';
import type { InitializerIdentifier } from '../initializers/index.js';
import { getInitializer, serializeInitializer } from '../initializers/index.js';
import type { Initializer } from '../initializers/initializer.js';
import { add, matMul, reshape } from '../ops/index.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import type { ActivationFn } from './activations.js';
import { activationName, getActivation } from './activations.js';
import { ConfigReader, put } from './config-reader.js';
import type { Constraint, ConstraintIdentifier } from './constraints.js';
import { getConstraint, serializeConstraint } from './constraints.js';
import type { Regularizer, RegularizerIdentifier } from './regularizers.js';
import { getRegularizer, serializeRegularizer } from './regularizers.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape, WeightShape } from './layer.js';
import { Layer } from './layer.js';

/** Arguments of `layers.dense` (TF.js `DenseLayerArgs`). */
export interface DenseArgs extends LayerArgs {
  /** Output size. */
  units: number;
  /** Activation id (`'relu'`, `'softmax'`, Keras snake_case too); linear by default. */
  activation?: string;
  /** Whether to add a bias (default true). */
  useBias?: boolean;
  /** Kernel initializer; default glorotUniform, as Keras (TF.js defaults to glorotNormal). */
  kernelInitializer?: InitializerIdentifier;
  /** Bias initializer; default zeros. */
  biasInitializer?: InitializerIdentifier;
  /** Shorthand for `inputShape: [inputDim]`. */
  inputDim?: number;
  /** Penalty on the kernel, added to the training loss (e.g. `regularizers.l2()`). */
  kernelRegularizer?: RegularizerIdentifier | null;
  /** Penalty on the bias. */
  biasRegularizer?: RegularizerIdentifier | null;
  /** Penalty on the output, per batch divided by the batch size (Keras 3). */
  activityRegularizer?: RegularizerIdentifier | null;
  /** Projection of the kernel after each update (e.g. `constraints.maxNorm()`). */
  kernelConstraint?: ConstraintIdentifier | null;
  /** Projection of the bias after each update. */
  biasConstraint?: ConstraintIdentifier | null;
}

/**
 * A densely connected layer: `activation(x · kernel + bias)` over the last axis.
 * @example layers.dense({ units: 10, activation: 'relu', inputShape: [784] })
 */
export class Dense extends Layer {
  static readonly className: string = 'Dense';
  readonly className: string = Dense.className;
  readonly units: number;
  readonly activation: string;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  private readonly activationFn: ActivationFn;
  private kernel: Variable | undefined;
  private bias: Variable | undefined;

  /**
   * A Dense from its config as a model file spells it (TF.js, Keras 2 or Keras 3); TF.js's
   * signature, the class first.
   * @example Dense.fromConfig(Dense, { units: 3, use_bias: false })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Dense {
    const r = new ConfigReader(Dense.className, config);
    r.unsupported(['quantization_config', 'lora_rank']);
    const args: DenseArgs = { ...r.base(), units: r.requiredInt('units', 1) };
    put(args, 'kernelRegularizer', r.regularizer('kernel_regularizer'));
    put(args, 'biasRegularizer', r.regularizer('bias_regularizer'));
    put(args, 'activityRegularizer', r.regularizer('activity_regularizer'));
    put(args, 'kernelConstraint', r.constraint('kernel_constraint'));
    put(args, 'biasConstraint', r.constraint('bias_constraint'));
    put(args, 'activation', r.string('activation'));
    put(args, 'useBias', r.bool('use_bias'));
    put(args, 'kernelInitializer', r.initializer('kernel_initializer'));
    return new Dense(put(args, 'biasInitializer', r.initializer('bias_initializer')));
  }

  constructor(args: DenseArgs) {
    super('Dense', args.inputDim !== undefined && args.inputShape === undefined && args.batchInputShape === undefined ? { ...args, inputShape: [args.inputDim] } : args);
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw new Error(`${this.name}: units must be a positive integer. Received: units=${String(args.units)}`);
    }
    this.units = args.units;
    this.activation = activationName(args.activation);
    this.activationFn = getActivation(this.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.activityRegularizer = getRegularizer(args.activityRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.supportsMasking = true; // a mask passes through, as in Keras and TF.js
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    const last = inputShape[inputShape.length - 1];
    const expected = this.kernel?.shape[0] ?? null;
    if (inputShape.length < 2 || last === null || last === undefined || (expected !== null && last !== expected)) {
      throw new Error(`${this.name}: expected input shape [*, ${expected ?? 'features'}], received [${inputShape.map(String).join(', ')}]`);
    }
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    const kernel = { name: 'kernel', shape: [inputShape[inputShape.length - 1] ?? 0, this.units] };
    return this.useBias ? [kernel, { name: 'bias', shape: [this.units] }] : [kernel];
  }

  override build(inputShape: SymbolicShape): void {
    const [kernel, bias] = this.weightShapes(inputShape) as [WeightShape, WeightShape?];
    this.kernel = this.addWeight(kernel.name, kernel.shape, this.kernelInitializer, true, this.kernelRegularizer, this.kernelConstraint);
    if (bias) this.bias = this.addWeight(bias.name, bias.shape, this.biasInitializer, true, this.biasRegularizer, this.biasConstraint);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    const kernel = this.kernel as Variable;
    const flat = x.rank === 2 ? x : reshape(x, [-1, x.shape[x.rank - 1] as number]);
    let y = matMul(flat, kernel);
    if (this.bias) y = add(y, this.bias);
    if (x.rank !== 2) y = reshape(y, [...x.shape.slice(0, -1), this.units]);
    return this.activationFn(y);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [...inputShape.slice(0, -1), this.units];
  }

  protected layerConfig(): ConfigDict {
    return {
      units: this.units,
      activation: this.activation,
      use_bias: this.useBias,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      kernel_regularizer: serializeRegularizer(this.kernelRegularizer),
      bias_regularizer: serializeRegularizer(this.biasRegularizer),
      activity_regularizer: serializeRegularizer(this.activityRegularizer),
      kernel_constraint: serializeConstraint(this.kernelConstraint),
      bias_constraint: serializeConstraint(this.biasConstraint),
    };
  }
}
