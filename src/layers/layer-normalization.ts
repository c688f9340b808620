import type { ConfigDict } from '../initializers/initializer.js';
import type { InitializerIdentifier } from '../initializers/index.js';
import { getInitializer, serializeInitializer } from '../initializers/index.js';
import type { Initializer } from '../initializers/initializer.js';
import { moments } from '../ops/moments.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { ConfigReader, failConfig, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape, WeightShape } from './layer.js';
import { Layer } from './layer.js';
import { normalize, resolveAxes, shaped } from './normalize.js';
import type { Regularizer, RegularizerIdentifier } from './regularizers.js';
import { getRegularizer, serializeRegularizer } from './regularizers.js';
import { received } from '../util/received.js';

/** Arguments of `layers.layerNormalization` (TF.js `LayerNormalizationLayerArgs`). */
export interface LayerNormalizationArgs extends LayerArgs {
  /** Axis or axes normalized over, per sample (default −1). */
  axis?: number | number[];
  /** Added to the variance (default 1e-3). */
  epsilon?: number;
  /** Add the offset beta (default true). */
  center?: boolean;
  /** Multiply by gamma (default true). */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
}

/**
 * Layer normalization (Ba et al. 2016): each sample normalized by its own mean and biased
 * variance over `axis`, then scaled by gamma and shifted by beta (of the shape of those axes).
 * The same in training and inference. Order of arithmetic: `moments`, then `normalize`
 * (Keras 3 `ops.layer_normalization`).
 * @example layers.layerNormalization({ axis: -1 })
 */
export class LayerNormalization extends Layer {
  static readonly className: string = 'LayerNormalization';
  readonly className: string = LayerNormalization.className;
  readonly axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  readonly betaRegularizer: Regularizer | null;
  readonly gammaRegularizer: Regularizer | null;
  private gamma: Variable | null = null;
  private beta: Variable | null = null;
  private builtShape: SymbolicShape | undefined;

  /**
   * A LayerNormalization from its config as a model file spells it (TF.js or Keras).
   * @example LayerNormalization.fromConfig(LayerNormalization, { axis: [-1], epsilon: 0.001 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): LayerNormalization {
    const r = new ConfigReader(LayerNormalization.className, config);
    r.unsupported(['rms_scaling', 'beta_constraint', 'gamma_constraint']);
    const args: LayerNormalizationArgs = r.base();
    const axis = r.get('axis');
    if (axis !== undefined) {
      if (!Number.isInteger(axis) && !(Array.isArray(axis) && axis.every((a) => Number.isInteger(a)))) failConfig(r.cls, 'axis', axis, 'an integer or a list of integers');
      args.axis = axis as number | number[];
    }
    const epsilon = r.get('epsilon');
    if (epsilon !== undefined && typeof epsilon !== 'number') failConfig(r.cls, 'epsilon', epsilon, 'a number');
    put(args, 'epsilon', epsilon as number | undefined);
    put(args, 'center', r.bool('center'));
    put(args, 'scale', r.bool('scale'));
    put(args, 'betaInitializer', r.initializer('beta_initializer'));
    put(args, 'gammaInitializer', r.initializer('gamma_initializer'));
    put(args, 'betaRegularizer', r.regularizer('beta_regularizer'));
    return new LayerNormalization(put(args, 'gammaRegularizer', r.regularizer('gamma_regularizer')));
  }

  constructor(args: LayerNormalizationArgs = {}) {
    super('LayerNormalization', args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis) && !(Array.isArray(axis) && axis.length > 0 && axis.every((a) => Number.isInteger(a)))) {
      throw new Error(`${this.name}: axis must be an integer or a non-empty list of integers. Received: axis=${JSON.stringify(args.axis)}`);
    }
    this.axis = Array.isArray(axis) ? axis.slice() : axis;
    const epsilon = args.epsilon ?? 1e-3;
    if (typeof epsilon !== 'number' || !(epsilon > 0 && Number.isFinite(epsilon))) throw new Error(`${this.name}: epsilon must be a positive number. Received: epsilon=${received(args.epsilon)}`);
    this.epsilon = epsilon;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones');
    this.betaRegularizer = getRegularizer(args.betaRegularizer);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer);
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    const axes = resolveAxes(this.name, this.axis, inputShape.length);
    const bad = axes.some((a) => inputShape[a] === null || (this.builtShape !== undefined && inputShape[a] !== this.builtShape[a]));
    if (bad || (this.builtShape && this.builtShape.length !== inputShape.length)) {
      const expected = this.builtShape ? `[${this.builtShape.map((d) => (d === null ? '*' : String(d))).join(', ')}]` : 'known extents on the normalized axes';
      throw new Error(`${this.name}: expected input ${expected} (axis ${JSON.stringify(this.axis)}), received [${inputShape.map(String).join(', ')}]`);
    }
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    const shape = resolveAxes(this.name, this.axis, inputShape.length).map((a) => inputShape[a] ?? 0);
    return [...(this.scale ? [{ name: 'gamma', shape }] : []), ...(this.center ? [{ name: 'beta', shape }] : [])];
  }

  override build(inputShape: SymbolicShape): void {
    const shape = resolveAxes(this.name, this.axis, inputShape.length).map((a) => inputShape[a] ?? 0);
    this.builtShape = inputShape.map((d, i) => (resolveAxes(this.name, this.axis, inputShape.length).includes(i) ? d : null));
    if (this.scale) this.gamma = this.addWeight('gamma', shape, this.gammaInitializer, true, this.gammaRegularizer);
    if (this.center) this.beta = this.addWeight('beta', shape, this.betaInitializer, true, this.betaRegularizer);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    const axes = resolveAxes(this.name, this.axis, x.rank);
    const { mean, variance } = moments(x, axes, true);
    const broadcast = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
    return normalize(x, mean, variance, shaped(this.gamma, broadcast), shaped(this.beta, broadcast), this.epsilon);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return {
      axis: this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      beta_initializer: serializeInitializer(this.betaInitializer),
      gamma_initializer: serializeInitializer(this.gammaInitializer),
      beta_regularizer: serializeRegularizer(this.betaRegularizer),
      gamma_regularizer: serializeRegularizer(this.gammaRegularizer),
    };
  }
}
