import type { ConfigDict } from '../initializers/initializer.js';
import { reshape } from '../ops/index.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape, WeightShape } from './layer.js';
import { Layer, singleOutputShape } from './layer.js';
import { readWrapped, wrappedConfig } from './wrapper-config.js';

/** Arguments of `layers.timeDistributed`. */
export interface TimeDistributedArgs extends LayerArgs {
  /** The layer to apply to every timestep. */
  layer: Layer;
}

/**
 * Applies a layer to every timestep (Keras / TF.js `TimeDistributed`): [batch, time, …] is
 * reshaped to [batch·time, …], the layer runs once on it, and the result is reshaped back, so
 * each timestep gets the same weights. Weights are named `<name>/kernel`, … as in TF.js.
 * @example layers.timeDistributed({ layer: layers.dense({ units: 4 }), inputShape: [10, 8] })
 */
export class TimeDistributed extends Layer {
  static readonly className: string = 'TimeDistributed';
  readonly className: string = TimeDistributed.className;
  readonly layer: Layer;

  /**
   * A TimeDistributed from its config as a model file spells it.
   * @example TimeDistributed.fromConfig(TimeDistributed, { layer: { class_name: 'Dense', config: { units: 4 } } })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): TimeDistributed {
    const { base, inner } = readWrapped(TimeDistributed.className, config);
    return new TimeDistributed({ ...base, layer: inner });
  }

  constructor(args: TimeDistributedArgs) {
    super('TimeDistributed', args);
    if (typeof (args.layer as Partial<Layer> | undefined)?.invokeAll !== 'function') throw new Error(`${this.name}: layer must be a layer (e.g. layers.dense({units: 4})), received ${String(args.layer)}`);
    this.layer = args.layer;
    this.supportsMasking = true;
  }

  private scopeChild(): void {
    this.layer.weightScope = this.name;
    this.layer.randomPath = `${this.randomPath}/layer`;
  }

  private static inner(shape: SymbolicShape): SymbolicShape {
    const [batch, time] = shape;
    return [batch === null || batch === undefined || time === null || time === undefined ? null : batch * time, ...shape.slice(2)];
  }

  /**
   * Runs `f` with the wrapped layer's input shape; a shape error from the wrapped layer then also
   * names this wrapper and the shape the user gave (the wrapped layer only sees [batch·time, …]).
   */
  private forChild<T>(inputShape: SymbolicShape, f: (inner: SymbolicShape) => T): T {
    const inner = TimeDistributed.inner(inputShape);
    try {
      return f(inner);
    } catch (e) {
      const shape = (s: SymbolicShape): string => `[${s.map(String).join(', ')}]`;
      throw new Error(`${this.name}: input ${shape(inputShape)} reaches the wrapped layer as one input per timestep, ${shape(inner)}; ${(e as Error).message}`);
    }
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length < 3) throw new Error(`${this.name}: expected input of rank ≥ 3 [batch, time, …], received [${inputShape.map(String).join(', ')}]`);
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    return this.layer.weightShapes(TimeDistributed.inner(inputShape));
  }

  override build(inputShape: SymbolicShape): void {
    this.scopeChild();
    this.forChild(inputShape, (inner) => this.layer.ensureBuilt(inner));
  }

  override get weights(): Variable[] {
    return this.layer.weights;
  }

  /** The wrapped layer's weight penalties. */
  override regularizationLosses(): Tensor[] {
    return this.trainable ? this.layer.regularizationLosses() : [];
  }

  call(x: Tensor, ctx: CallContext): Tensor {
    this.checkInputShape(x.shape);
    this.scopeChild();
    const [batch, time] = x.shape as [number, number];
    // The mask is per timestep, and the wrapped layer sees rows of timesteps: it is not passed.
    const inner: CallContext = ctx.losses ? { training: ctx.training, step: ctx.step, seedKey: ctx.seedKey, losses: ctx.losses } : { training: ctx.training, step: ctx.step, seedKey: ctx.seedKey };
    if (ctx.call) inner.call = ctx.call;
    const y = this.layer.invokeAll(reshape(x, [batch * time, ...x.shape.slice(2)]), inner);
    if (Array.isArray(y)) throw new Error(`${this.name}: the wrapped layer '${this.layer.name}' returns ${y.length} tensors; expected one`);
    return reshape(y, [batch, time, ...y.shape.slice(1)]);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, inputShape[1] ?? null, ...this.forChild(inputShape, (inner) => singleOutputShape(this.layer, inner)).slice(1)];
  }

  protected layerConfig(): ConfigDict {
    return { layer: wrappedConfig(this.layer) };
  }
}
