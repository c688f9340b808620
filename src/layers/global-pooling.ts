import type { ConfigDict } from '../initializers/initializer.js';
import { max, mean } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, failConfig, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import type { DataFormat } from './spatial-args.js';
import { dataFormatConfig, dataFormatOf } from './spatial-args.js';

/** Arguments of the global pooling layers (TF.js `GlobalPooling2DLayerArgs`, plus Keras 3's `keepdims`). */
export interface GlobalPoolingArgs extends LayerArgs {
  /** 'channelsLast' (default) or 'channelsFirst' (TF.js: the 2-D layers; Keras 3: all four). */
  dataFormat?: DataFormat;
  /** Keep the pooled axes with extent 1 (Keras 3; default false, the only behaviour of TF.js). */
  keepdims?: boolean;
}

/**
 * What the four global pooling layers share: the mean or the maximum over every spatial axis,
 * composed from the `mean` / `max` reductions (their orders of arithmetic; `max` propagates NaN,
 * as TF.js's global max pooling does, unlike the windowed max pooling).
 */
abstract class GlobalPooling extends Layer {
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;
  protected abstract readonly spatialAxes: number;
  protected abstract readonly reduce: typeof mean;

  constructor(className: string, args: GlobalPoolingArgs) {
    super(className, args);
    this.dataFormat = dataFormatOf(this.name, args.dataFormat);
    this.keepdims = args.keepdims ?? false;
  }

  protected static readArgs(className: string, config: ConfigDict): GlobalPoolingArgs {
    const r = new ConfigReader(className, config);
    const format = r.string('data_format');
    if (format !== undefined && format !== 'channels_last' && format !== 'channels_first') failConfig(r.cls, 'data_format', format, "'channels_last' or 'channels_first'");
    const args: GlobalPoolingArgs = r.base();
    put(args, 'dataFormat', format as DataFormat | undefined);
    return put(args, 'keepdims', r.bool('keepdims'));
  }

  /** The pooled axes of an input of rank spatialAxes + 2. */
  private axes(): number[] {
    const first = this.dataFormat === 'channelsLast' ? 1 : 2;
    return Array.from({ length: this.spatialAxes }, (_, i) => first + i);
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    const rank = this.spatialAxes + 2;
    if (inputShape.length !== rank) {
      const spatial = this.spatialAxes === 1 ? 'steps' : 'height, width';
      const layout = this.dataFormat === 'channelsLast' ? `[batch, ${spatial}, channels]` : `[batch, channels, ${spatial}]`;
      throw new Error(`${this.name}: expected input of rank ${rank} ${layout}, received [${inputShape.join(', ')}]`);
    }
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return this.reduce(x, this.axes(), this.keepdims);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const axes = this.axes();
    if (this.keepdims) return inputShape.map((d, i) => (axes.includes(i) ? 1 : d));
    return inputShape.filter((_, i) => !axes.includes(i));
  }

  protected layerConfig(): ConfigDict {
    // TF.js writes data_format for the 2-D layers only (the 1-D ones: when not the default);
    // keepdims only when set (TF.js has none).
    const config: ConfigDict = this.spatialAxes === 2 || this.dataFormat !== 'channelsLast' ? { data_format: dataFormatConfig(this.dataFormat) } : {};
    if (this.keepdims) config['keepdims'] = true;
    return config;
  }
}

/**
 * Mean over the steps of [batch, steps, channels] (TF.js `tf.layers.globalAveragePooling1d`).
 * @example layers.globalAveragePooling1d({ inputShape: [10, 4] })
 */
export class GlobalAveragePooling1D extends GlobalPooling {
  static readonly className: string = 'GlobalAveragePooling1D';
  readonly className: string = GlobalAveragePooling1D.className;
  protected readonly spatialAxes: number = 1;
  protected readonly reduce: typeof mean = mean;
  /** A GlobalAveragePooling1D from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): GlobalAveragePooling1D {
    return new GlobalAveragePooling1D(GlobalPooling.readArgs(GlobalAveragePooling1D.className, config));
  }
  constructor(args: GlobalPoolingArgs = {}) {
    super('GlobalAveragePooling1D', args);
  }
}

/**
 * Maximum over the steps of [batch, steps, channels] (TF.js `tf.layers.globalMaxPooling1d`).
 * @example layers.globalMaxPooling1d({ inputShape: [10, 4] })
 */
export class GlobalMaxPooling1D extends GlobalPooling {
  static readonly className: string = 'GlobalMaxPooling1D';
  readonly className: string = GlobalMaxPooling1D.className;
  protected readonly spatialAxes: number = 1;
  protected readonly reduce: typeof mean = max;
  /** A GlobalMaxPooling1D from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): GlobalMaxPooling1D {
    return new GlobalMaxPooling1D(GlobalPooling.readArgs(GlobalMaxPooling1D.className, config));
  }
  constructor(args: GlobalPoolingArgs = {}) {
    super('GlobalMaxPooling1D', args);
  }
}

/**
 * Mean over height and width (TF.js `tf.layers.globalAveragePooling2d`).
 * @example layers.globalAveragePooling2d({ inputShape: [7, 7, 32] })
 */
export class GlobalAveragePooling2D extends GlobalPooling {
  static readonly className: string = 'GlobalAveragePooling2D';
  readonly className: string = GlobalAveragePooling2D.className;
  protected readonly spatialAxes: number = 2;
  protected readonly reduce: typeof mean = mean;
  /** A GlobalAveragePooling2D from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): GlobalAveragePooling2D {
    return new GlobalAveragePooling2D(GlobalPooling.readArgs(GlobalAveragePooling2D.className, config));
  }
  constructor(args: GlobalPoolingArgs = {}) {
    super('GlobalAveragePooling2D', args);
  }
}

/**
 * Maximum over height and width (TF.js `tf.layers.globalMaxPooling2d`).
 * @example layers.globalMaxPooling2d({ inputShape: [7, 7, 32] })
 */
export class GlobalMaxPooling2D extends GlobalPooling {
  static readonly className: string = 'GlobalMaxPooling2D';
  readonly className: string = GlobalMaxPooling2D.className;
  protected readonly spatialAxes: number = 2;
  protected readonly reduce: typeof mean = max;
  /** A GlobalMaxPooling2D from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): GlobalMaxPooling2D {
    return new GlobalMaxPooling2D(GlobalPooling.readArgs(GlobalMaxPooling2D.className, config));
  }
  constructor(args: GlobalPoolingArgs = {}) {
    super('GlobalMaxPooling2D', args);
  }
}
