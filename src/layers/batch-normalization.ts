import type { ConfigDict } from '../initializers/initializer.js';
import type { InitializerIdentifier } from '../initializers/index.js';
import { getInitializer, serializeInitializer } from '../initializers/index.js';
import type { Initializer } from '../initializers/initializer.js';
import { add, mul, stopGradient } from '../ops/index.js';
import { moments } from '../ops/moments.js';
import { scalar } from '../ops/create.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { ConfigReader, failConfig, put } from './config-reader.js';
import type { Constraint, ConstraintIdentifier } from './constraints.js';
import { getConstraint, serializeConstraint } from './constraints.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape, WeightShape } from './layer.js';
import { Layer } from './layer.js';
import { normalize, resolveAxes, shaped } from './normalize.js';
import type { Regularizer, RegularizerIdentifier } from './regularizers.js';
import { getRegularizer, serializeRegularizer } from './regularizers.js';
import { received } from '../util/received.js';

/** Arguments of `layers.batchNormalization` (TF.js `BatchNormalizationLayerArgs`). */
export interface BatchNormalizationArgs extends LayerArgs {
  /** The feature axis (default −1); statistics are taken over every other axis. */
  axis?: number;
  /** Moving-average momentum (default 0.99). */
  momentum?: number;
  /** Added to the variance (default 1e-3). */
  epsilon?: number;
  /** Add the offset beta (default true). */
  center?: boolean;
  /** Multiply by gamma (default true). */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  movingMeanInitializer?: InitializerIdentifier;
  movingVarianceInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
}

/**
 * Batch normalization (Ioffe & Szegedy 2015), Keras 3 semantics. In training (and while the
 * layer is trainable) it normalizes with the batch's mean and biased variance and updates the
 * non-trainable `moving_mean` / `moving_variance` in place, once per call:
 * moving = fround(fround(moving · fround(momentum)) + fround(batch · fround(1 − momentum)))
 * (Keras 3 `moving * momentum + batch * (1.0 - momentum)`, 1 − momentum taken in float64).
 * Otherwise (predict, evaluate, a frozen layer) it uses the moving statistics.
 * NOTE (REFERENCE-style): TF.js updates `moving − (moving − batch) · (1 − momentum)`, equal in
 * exact arithmetic but not in float32, and a frozen TF.js layer still uses batch statistics in
 * training; both follow Keras here.
 * @example layers.batchNormalization({ momentum: 0.9 })
 */
export class BatchNormalization extends Layer {
  static readonly className: string = 'BatchNormalization';
  readonly className: string = BatchNormalization.className;
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  readonly betaConstraint: Constraint | null;
  readonly gammaConstraint: Constraint | null;
  private gamma: Variable | null = null;
  private beta: Variable | null = null;
  private movingMean: Variable | undefined;
  private movingVariance: Variable | undefined;

  /**
   * A BatchNormalization from its config as a model file spells it (TF.js or Keras).
   * @example BatchNormalization.fromConfig(BatchNormalization, { axis: -1, momentum: 0.99 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): BatchNormalization {
    const r = new ConfigReader(BatchNormalization.className, config);
    r.unsupported(['renorm', 'synchronized']);
    const axis = r.get('axis');
    const args: BatchNormalizationArgs = r.base();
    if (axis !== undefined) {
      // Keras 2 files may write a one-element list.
      const single = Array.isArray(axis) && axis.length === 1 ? axis[0] : axis;
      if (typeof single !== 'number' || !Number.isInteger(single)) failConfig(r.cls, 'axis', axis, 'an integer');
      args.axis = single;
    }
    for (const k of ['momentum', 'epsilon'] as const) {
      const v = r.get(k);
      if (v !== undefined && typeof v !== 'number') failConfig(r.cls, k, v, 'a number');
      put(args, k, v as number | undefined);
    }
    put(args, 'center', r.bool('center'));
    put(args, 'scale', r.bool('scale'));
    put(args, 'betaInitializer', r.initializer('beta_initializer'));
    put(args, 'gammaInitializer', r.initializer('gamma_initializer'));
    put(args, 'movingMeanInitializer', r.initializer('moving_mean_initializer'));
    put(args, 'movingVarianceInitializer', r.initializer('moving_variance_initializer'));
    put(args, 'betaRegularizer', r.regularizer('beta_regularizer'));
    put(args, 'gammaRegularizer', r.regularizer('gamma_regularizer'));
    put(args, 'betaConstraint', r.constraint('beta_constraint'));
    return new BatchNormalization(put(args, 'gammaConstraint', r.constraint('gamma_constraint')));
  }

  constructor(args: BatchNormalizationArgs = {}) {
    super('BatchNormalization', args);
    const num = (k: 'momentum' | 'epsilon', v: number, ok: (n: number) => boolean, expected: string): number => {
      if (typeof v !== 'number' || !ok(v)) throw new Error(`${this.name}: ${k} must be ${expected}. Received: ${k}=${received(v)}`);
      return v;
    };
    this.axis = args.axis ?? -1;
    if (!Number.isInteger(this.axis)) throw new Error(`${this.name}: axis must be an integer. Received: axis=${JSON.stringify(args.axis)}`);
    this.momentum = num('momentum', args.momentum ?? 0.99, (m) => m >= 0 && m <= 1, 'a number in [0, 1]');
    this.epsilon = num('epsilon', args.epsilon ?? 1e-3, (e) => e > 0 && Number.isFinite(e), 'a positive number');
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones');
    this.movingMeanInitializer = getInitializer(args.movingMeanInitializer ?? 'zeros');
    this.movingVarianceInitializer = getInitializer(args.movingVarianceInitializer ?? 'ones');
    this.betaRegularizer = getRegularizer(args.betaRegularizer);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer);
    this.betaConstraint = getConstraint(args.betaConstraint);
    this.gammaConstraint = getConstraint(args.gammaConstraint);
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length < 2) throw new Error(`${this.name}: expected input of rank >= 2 [batch, ..., features], received [${inputShape.map(String).join(', ')}]`);
    const [axis] = resolveAxes(this.name, this.axis, inputShape.length);
    const dim = inputShape[axis as number];
    const expected = this.movingMean?.shape[0];
    if (dim === null || dim === undefined || (expected !== undefined && dim !== expected)) {
      throw new Error(`${this.name}: expected input with ${expected ?? 'a known number of'} features on axis ${this.axis}, received [${inputShape.map(String).join(', ')}]`);
    }
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    const [axis] = resolveAxes(this.name, this.axis, inputShape.length);
    const shape = [inputShape[axis as number] ?? 0];
    return [
      ...(this.scale ? [{ name: 'gamma', shape }] : []),
      ...(this.center ? [{ name: 'beta', shape }] : []),
      { name: 'moving_mean', shape },
      { name: 'moving_variance', shape },
    ];
  }

  override build(inputShape: SymbolicShape): void {
    const shape = (this.weightShapes(inputShape)[0] as WeightShape).shape;
    if (this.scale) this.gamma = this.addWeight('gamma', shape, this.gammaInitializer, true, this.gammaRegularizer, this.gammaConstraint);
    if (this.center) this.beta = this.addWeight('beta', shape, this.betaInitializer, true, this.betaRegularizer, this.betaConstraint);
    this.movingMean = this.addWeight('moving_mean', shape, this.movingMeanInitializer, false);
    this.movingVariance = this.addWeight('moving_variance', shape, this.movingVarianceInitializer, false);
  }

  call(x: Tensor, ctx: CallContext): Tensor {
    const [axis] = resolveAxes(this.name, this.axis, x.rank) as [number];
    const broadcast = x.shape.map((d, i) => (i === axis ? d : 1));
    const movingMean = this.movingMean as Variable;
    const movingVariance = this.movingVariance as Variable;
    const gamma = shaped(this.gamma, broadcast);
    const beta = shaped(this.beta, broadcast);
    if (!ctx.training || !this.trainable) return normalize(x, shaped(movingMean, broadcast) as Tensor, shaped(movingVariance, broadcast) as Tensor, gamma, beta, this.epsilon);
    const { mean, variance } = moments(x, x.shape.map((_, i) => i).filter((i) => i !== axis));
    const decay = scalar(this.momentum);
    const rest = scalar(1 - this.momentum);
    movingMean.assign(add(mul(movingMean, decay), mul(stopGradient(mean), rest)));
    movingVariance.assign(add(mul(movingVariance, decay), mul(stopGradient(variance), rest)));
    return normalize(x, shaped(mean, broadcast) as Tensor, shaped(variance, broadcast) as Tensor, gamma, beta, this.epsilon);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return {
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      beta_initializer: serializeInitializer(this.betaInitializer),
      gamma_initializer: serializeInitializer(this.gammaInitializer),
      moving_mean_initializer: serializeInitializer(this.movingMeanInitializer),
      moving_variance_initializer: serializeInitializer(this.movingVarianceInitializer),
      beta_regularizer: serializeRegularizer(this.betaRegularizer),
      gamma_regularizer: serializeRegularizer(this.gammaRegularizer),
      beta_constraint: serializeConstraint(this.betaConstraint),
      gamma_constraint: serializeConstraint(this.gammaConstraint),
    };
  }
}
