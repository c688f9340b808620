import type { ConfigDict } from '../initializers/initializer.js';
import { div, where } from '../ops/index.js';
import { scalar, zerosLike } from '../ops/create.js';
import { Tensor } from '../ops/tensor.js';
import { bernoulliMask } from '../random/index.js';
import { ConfigReader, failConfig, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import { checkSeed, noiseKey } from './noise-key.js';
import { received } from '../util/received.js';

/** Arguments of `layers.spatialDropout1d` / `spatialDropout2d`. */
export interface SpatialDropoutArgs extends LayerArgs {
  /** Fraction of channels to drop, in [0, 1]. */
  rate: number;
  /** A seed of the layer's own, instead of the global one. */
  seed?: number;
  /** 2D only: where the channels are (`'channelsLast'` default, or `'channelsFirst'`). */
  dataFormat?: 'channelsLast' | 'channelsFirst';
}

/**
 * Dropout of whole channels (Tompson et al. 2015): the mask has one element per (sample,
 * channel), shared over the other axes, and is drawn as Dropout's (bernoulliMask(key, n, 1 − rate)
 * with key = foldIn(foldInPath(seed, `<layer position>/mask`), step)); kept values are scaled by
 * 1/(1 − rate). Training only; rate 1 gives zeros (Keras).
 */
abstract class SpatialDropout extends Layer {
  readonly rate: number;
  readonly seed: number | null;
  readonly dataFormat: 'channelsLast' | 'channelsFirst';
  protected abstract readonly rank: number;

  constructor(className: string, args: SpatialDropoutArgs) {
    super(className, args);
    if (typeof args.rate !== 'number' || !(args.rate >= 0 && args.rate <= 1)) {
      throw new Error(`${this.name}: rate must be a number in [0, 1]. Received: rate=${received(args.rate)}`);
    }
    const format = args.dataFormat ?? 'channelsLast';
    if (format !== 'channelsLast' && format !== 'channelsFirst') throw new Error(`${this.name}: dataFormat must be 'channelsLast' or 'channelsFirst'. Received: dataFormat=${JSON.stringify(args.dataFormat)}`);
    this.rate = args.rate;
    this.seed = checkSeed(this.name, args.seed);
    this.dataFormat = format;
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length !== this.rank) {
      const axes = this.rank === 3 ? '[batch, steps, channels]' : this.dataFormat === 'channelsLast' ? '[batch, rows, cols, channels]' : '[batch, channels, rows, cols]';
      throw new Error(`${this.name}: expected input of rank ${this.rank} ${axes}, received [${inputShape.map(String).join(', ')}]`);
    }
  }

  call(x: Tensor, ctx: CallContext): Tensor {
    if (!ctx.training || this.rate === 0) return x;
    if (this.rate === 1) return where(scalar(false), x, zerosLike(x)); // on the tape, as Dropout
    const channel = this.dataFormat === 'channelsLast' ? x.rank - 1 : 1;
    const maskShape = x.shape.map((d, i) => (i === 0 || i === channel ? d : 1));
    const k = noiseKey(ctx, this.randomPath, 'mask', this.seed);
    const mask = new Tensor(bernoulliMask(k, maskShape.reduce((p, d) => p * d, 1), 1 - this.rate), maskShape, 'bool');
    return where(mask, div(x, 1 - this.rate), zerosLike(x));
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }
}

function readArgs(cls: string, config: ConfigDict, withFormat: boolean): SpatialDropoutArgs {
  const r = new ConfigReader(cls, config);
  const rate = r.get('rate');
  if (typeof rate !== 'number') failConfig(r.cls, 'rate', rate, 'a number in [0, 1]');
  const args: SpatialDropoutArgs = { ...r.base(), rate };
  put(args, 'seed', r.int('seed', Number.MIN_SAFE_INTEGER));
  const format = r.string('data_format');
  if (withFormat && format !== undefined) {
    const spelled = ({ channels_last: 'channelsLast', channels_first: 'channelsFirst', channelsLast: 'channelsLast', channelsFirst: 'channelsFirst' } as const)[format as 'channels_last'];
    if (spelled === undefined) failConfig(r.cls, 'data_format', format, "'channels_last' or 'channels_first'");
    args.dataFormat = spelled;
  }
  return args;
}

/**
 * Drops whole channels of a [batch, steps, channels] input (TF.js / Keras `SpatialDropout1D`).
 * @example layers.spatialDropout1d({ rate: 0.2 })
 */
export class SpatialDropout1D extends SpatialDropout {
  static readonly className: string = 'SpatialDropout1D';
  readonly className: string = SpatialDropout1D.className;
  protected readonly rank: number = 3;

  /**
   * A SpatialDropout1D from its config as a model file spells it.
   * @example SpatialDropout1D.fromConfig(SpatialDropout1D, { rate: 0.2 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): SpatialDropout1D {
    return new SpatialDropout1D(readArgs(SpatialDropout1D.className, config, false));
  }

  constructor(args: SpatialDropoutArgs) {
    super('SpatialDropout1D', { ...args, dataFormat: 'channelsLast' });
  }

  protected layerConfig(): ConfigDict {
    return { rate: this.rate, seed: this.seed };
  }
}

/**
 * Drops whole channels (feature maps) of an image batch (Keras `SpatialDropout2D`).
 * @example layers.spatialDropout2d({ rate: 0.2 })
 */
export class SpatialDropout2D extends SpatialDropout {
  static readonly className: string = 'SpatialDropout2D';
  readonly className: string = SpatialDropout2D.className;
  protected readonly rank: number = 4;

  /**
   * A SpatialDropout2D from its config as a model file spells it.
   * @example SpatialDropout2D.fromConfig(SpatialDropout2D, { rate: 0.2, data_format: 'channels_last' })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): SpatialDropout2D {
    return new SpatialDropout2D(readArgs(SpatialDropout2D.className, config, true));
  }

  constructor(args: SpatialDropoutArgs) {
    super('SpatialDropout2D', args);
  }

  protected layerConfig(): ConfigDict {
    return { rate: this.rate, seed: this.seed, data_format: this.dataFormat === 'channelsLast' ? 'channels_last' : 'channels_first' };
  }
}
