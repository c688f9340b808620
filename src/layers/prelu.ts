import type { ConfigDict } from '../initializers/initializer.js';
import type { InitializerIdentifier } from '../initializers/index.js';
import { getInitializer, serializeInitializer } from '../initializers/index.js';
import type { Initializer } from '../initializers/initializer.js';
import { prelu } from '../ops/index.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { checkLayerOptions } from './activation-options.js';
import { ConfigReader, failConfig, put } from './config-reader.js';
import type { Constraint, ConstraintIdentifier } from './constraints.js';
import { getConstraint, serializeConstraint } from './constraints.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape, WeightShape } from './layer.js';
import { Layer } from './layer.js';
import type { Regularizer, RegularizerIdentifier } from './regularizers.js';
import { getRegularizer, serializeRegularizer } from './regularizers.js';
import { received } from '../util/received.js';

/** Arguments of `layers.prelu` (TF.js `PReLULayerArgs`). */
export interface PReLUArgs extends LayerArgs {
  /** Initializer of the learned slope `alpha` (default zeros). */
  alphaInitializer?: InitializerIdentifier;
  /** Penalty on alpha, added to the training loss. */
  alphaRegularizer?: RegularizerIdentifier | null;
  /** Projection of alpha after each update. */
  alphaConstraint?: ConstraintIdentifier | null;
  /** Axes (1 = the first after the batch) along which one alpha is shared, e.g. [1, 2] for images. */
  sharedAxes?: number | number[] | null;
}

/**
 * Parametric ReLU (He et al. 2015): x for x > 0, alpha·x otherwise, with a trainable `alpha` of
 * the input's shape without the batch axis (extent 1 on `sharedAxes`), broadcast over the batch.
 * @example layers.prelu({ sharedAxes: [1, 2] })
 */
export class PReLU extends Layer {
  static readonly className: string = 'PReLU';
  readonly className: string = PReLU.className;
  readonly alphaInitializer: Initializer;
  readonly alphaRegularizer: Regularizer | null;
  readonly alphaConstraint: Constraint | null;
  readonly sharedAxes: number[] | null;
  private alpha: Variable | undefined;

  /**
   * A PReLU from its config as a model file spells it (TF.js, Keras 2 or Keras 3).
   * @example PReLU.fromConfig(PReLU, { shared_axes: [1, 2] })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): PReLU {
    const r = new ConfigReader(PReLU.className, config);
    const shared = r.get('shared_axes');
    if (shared !== undefined && !Number.isSafeInteger(shared) && !Array.isArray(shared)) failConfig(r.cls, 'shared_axes', shared, 'an integer, a list of integers or null');
    const args: PReLUArgs = r.base();
    put(args, 'sharedAxes', Array.isArray(shared) ? r.ints('shared_axes', 1, false) as number[] : (shared as number | undefined));
    put(args, 'alphaInitializer', r.initializer('alpha_initializer'));
    put(args, 'alphaRegularizer', r.regularizer('alpha_regularizer'));
    return new PReLU(put(args, 'alphaConstraint', r.constraint('alpha_constraint')));
  }

  constructor(args: PReLUArgs = {}) {
    super('PReLU', args);
    checkLayerOptions(this.name, args, ['alphaInitializer', 'alphaRegularizer', 'alphaConstraint', 'sharedAxes']);
    const shared = args.sharedAxes ?? null;
    const list = shared === null ? null : Array.isArray(shared) ? shared.slice() : [shared];
    if (list !== null && !list.every((a) => Number.isSafeInteger(a) && a >= 1)) {
      throw new Error(`${this.name}: sharedAxes must be an integer >= 1 or an array of them (axis 0 is the batch). Received: sharedAxes=${received(shared)}`);
    }
    this.sharedAxes = list;
    this.alphaInitializer = getInitializer(args.alphaInitializer ?? 'zeros');
    this.alphaRegularizer = getRegularizer(args.alphaRegularizer);
    this.alphaConstraint = getConstraint(args.alphaConstraint);
    this.supportsMasking = true;
  }

  /** alpha's shape: the input's without the batch axis, 1 on shared axes; null for an unknown extent. */
  private alphaShape(inputShape: SymbolicShape): (number | null)[] {
    return inputShape.slice(1).map((d, i) => (this.sharedAxes?.includes(i + 1) ? 1 : d));
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    const rank = inputShape.length;
    const shown = `[${inputShape.map(String).join(', ')}]`;
    if (rank < 2) throw new Error(`${this.name}: expected input of rank >= 2 [batch, ...features], received ${shown}`);
    const bad = this.sharedAxes?.find((a) => a >= rank);
    if (bad !== undefined) throw new Error(`${this.name}: sharedAxes ${JSON.stringify(this.sharedAxes)} names axis ${bad}, but the input ${shown} has rank ${rank}; expected axes in [1, ${rank - 1}]`);
    const wanted = this.alphaShape(inputShape);
    const have = this.alpha?.shape;
    if (have && (have.length !== wanted.length || wanted.some((d, i) => d !== null && d !== have[i]))) {
      throw new Error(`${this.name}: built for inputs [batch, ${have.map(String).join(', ')}] (shared axes of extent 1), received ${shown}`);
    }
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    return [{ name: 'alpha', shape: this.alphaShape(inputShape).map((d) => d ?? 0) }];
  }

  override build(inputShape: SymbolicShape): void {
    const shape = this.alphaShape(inputShape);
    if (shape.includes(null)) throw new Error(`${this.name}: alpha needs every non-shared extent of the input known, received [${inputShape.map(String).join(', ')}]; give inputShape or share the unknown axes`);
    this.alpha = this.addWeight('alpha', shape as number[], this.alphaInitializer, true, this.alphaRegularizer, this.alphaConstraint);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return prelu(x, this.alpha as Variable);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return {
      alpha_initializer: serializeInitializer(this.alphaInitializer),
      alpha_regularizer: serializeRegularizer(this.alphaRegularizer),
      alpha_constraint: serializeConstraint(this.alphaConstraint),
      shared_axes: this.sharedAxes,
    };
  }
}
