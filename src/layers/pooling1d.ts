import type { ConfigDict } from '../initializers/initializer.js';
import { avgPool, maxPool, reshape } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, failConfig, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import type { PaddingMode } from './spatial-args.js';
import { configSizes, paddingModeOf, sizeTuple, windowOutputLength } from './spatial-args.js';

/** Arguments of `layers.maxPooling1d` and `layers.averagePooling1d` (TF.js `Pooling1DLayerArgs`). */
export interface Pooling1DArgs extends LayerArgs {
  /** Window length, a number or [number] (default 2). */
  poolSize?: number | [number];
  /** Step, a number or [number] (default: poolSize). */
  strides?: number | [number];
  /** 'valid' (default) or 'same'. */
  padding?: PaddingMode;
}

/**
 * What MaxPooling1D and AveragePooling1D share: everything but the op. [batch, steps, channels]
 * is pooled as the image [batch, steps, 1, channels] with a window [poolSize, 1] (as TF.js does).
 */
abstract class Pooling1D extends Layer {
  readonly poolSize: [number];
  readonly strides: [number];
  readonly padding: PaddingMode;
  protected abstract readonly op: typeof maxPool;

  constructor(className: string, args: Pooling1DArgs) {
    super(className, args);
    this.poolSize = sizeTuple(this.name, 'poolSize', args.poolSize ?? 2, 1) as [number];
    this.strides = sizeTuple(this.name, 'strides', args.strides ?? this.poolSize, 1) as [number];
    this.padding = paddingModeOf(this.name, args.padding);
  }

  protected static readArgs(className: string, config: ConfigDict): Pooling1DArgs {
    const r = new ConfigReader(className, config);
    const format = r.string('data_format'); // Keras 3 writes it; TF.js's 1-D pooling has only channels_last
    if (format !== undefined && format !== 'channels_last') failConfig(r.cls, 'data_format', format, "'channels_last'");
    const args: Pooling1DArgs = r.base();
    put(args, 'poolSize', configSizes(r, 'pool_size', 1) as Pooling1DArgs['poolSize']);
    put(args, 'strides', configSizes(r, 'strides', 1) as Pooling1DArgs['strides']);
    return put(args, 'padding', r.string('padding') as PaddingMode | undefined);
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length !== 3) throw new Error(`${this.name}: expected input of rank 3 [batch, steps, channels], received [${inputShape.join(', ')}]`);
    const steps = this.computeOutputShape(inputShape)[1] ?? null;
    if (steps !== null && steps < 1) {
      throw new Error(`${this.name}: a window of ${this.poolSize[0]} with padding 'valid' needs at least ${this.poolSize[0]} steps, received input [${inputShape.join(', ')}]`);
    }
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    const [batch, steps, channels] = x.shape as [number, number, number];
    const y = this.op(reshape(x, [batch, steps, 1, channels]), [this.poolSize[0], 1], [this.strides[0], 1], this.padding);
    return reshape(y, [batch, y.shape[1] as number, channels]);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, windowOutputLength(inputShape[1] ?? null, this.poolSize[0], this.padding, this.strides[0]), inputShape[2] ?? null];
  }

  protected layerConfig(): ConfigDict {
    return { pool_size: this.poolSize, padding: this.padding, strides: this.strides };
  }
}

/**
 * Max pooling over windows of steps (TF.js `tf.layers.maxPooling1d`).
 * @example layers.maxPooling1d({ poolSize: 2, inputShape: [10, 4] })
 */
export class MaxPooling1D extends Pooling1D {
  static readonly className: string = 'MaxPooling1D';
  readonly className: string = MaxPooling1D.className;
  protected readonly op: typeof maxPool = maxPool;
  /** A MaxPooling1D from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): MaxPooling1D {
    return new MaxPooling1D(Pooling1D.readArgs(MaxPooling1D.className, config));
  }
  constructor(args: Pooling1DArgs = {}) {
    super('MaxPooling1D', args);
  }
}

/**
 * Average pooling over windows of steps (TF.js `tf.layers.averagePooling1d`).
 * @example layers.averagePooling1d({ poolSize: 3, strides: 1, padding: 'same' })
 */
export class AveragePooling1D extends Pooling1D {
  static readonly className: string = 'AveragePooling1D';
  readonly className: string = AveragePooling1D.className;
  protected readonly op: typeof maxPool = avgPool;
  /** An AveragePooling1D from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): AveragePooling1D {
    return new AveragePooling1D(Pooling1D.readArgs(AveragePooling1D.className, config));
  }
  constructor(args: Pooling1DArgs = {}) {
    super('AveragePooling1D', args);
  }
}
