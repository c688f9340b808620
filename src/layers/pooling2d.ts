import type { ConfigDict } from '../initializers/initializer.js';
import { avgPool, maxPool, transpose } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import type { DataFormat, PaddingMode } from './spatial-args.js';
import { configSizes, dataFormatConfig, dataFormatOf, paddingModeOf, sizeTuple, windowOutputLength } from './spatial-args.js';

/** Arguments of `layers.maxPooling2d` and `layers.averagePooling2d` (TF.js `Pooling2DLayerArgs`). */
export interface Pooling2DArgs extends LayerArgs {
  /** Window [height, width], or one number for both (default [2, 2]). */
  poolSize?: number | [number, number];
  /** Step [height, width], or one number (default: poolSize). */
  strides?: number | [number, number];
  /** 'valid' (default) or 'same'. */
  padding?: PaddingMode;
  /** 'channelsLast' (default, [batch, h, w, channels]) or 'channelsFirst' ([batch, channels, h, w]). */
  dataFormat?: DataFormat;
}

/**
 * What MaxPooling2D and AveragePooling2D share: everything but the op. channelsFirst inputs are
 * transposed to channelsLast around the op (as TF.js does), so both formats give the same bits.
 */
abstract class Pooling2D extends Layer {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: PaddingMode;
  readonly dataFormat: DataFormat;
  protected abstract readonly op: typeof maxPool;

  constructor(className: string, args: Pooling2DArgs) {
    super(className, args);
    this.poolSize = sizeTuple(this.name, 'poolSize', args.poolSize ?? 2, 2) as [number, number];
    this.strides = sizeTuple(this.name, 'strides', args.strides ?? this.poolSize, 2) as [number, number];
    this.padding = paddingModeOf(this.name, args.padding);
    this.dataFormat = dataFormatOf(this.name, args.dataFormat);
  }

  protected static readArgs(className: string, config: ConfigDict): Pooling2DArgs {
    const r = new ConfigReader(className, config);
    const args: Pooling2DArgs = r.base();
    put(args, 'poolSize', configSizes(r, 'pool_size', 2) as Pooling2DArgs['poolSize']);
    put(args, 'strides', configSizes(r, 'strides', 2) as Pooling2DArgs['strides']);
    put(args, 'padding', r.string('padding') as PaddingMode | undefined);
    return put(args, 'dataFormat', r.string('data_format') as DataFormat | undefined);
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length !== 4) {
      throw new Error(`${this.name}: expected input of rank 4 ${this.dataFormat === 'channelsLast' ? '[batch, height, width, channels]' : '[batch, channels, height, width]'}, received [${inputShape.join(', ')}]`);
    }
    const out = this.computeOutputShape(inputShape);
    if (out.some((d) => d !== null && d < 1)) {
      throw new Error(`${this.name}: a ${this.poolSize.join('×')} window with padding 'valid' needs height and width of at least ${this.poolSize.join(' and ')}, received input [${inputShape.join(', ')}]`);
    }
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    if (this.dataFormat === 'channelsLast') return this.op(x, this.poolSize, this.strides, this.padding);
    return transpose(this.op(transpose(x, [0, 2, 3, 1]), this.poolSize, this.strides, this.padding), [0, 3, 1, 2]);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const [h, w] = this.dataFormat === 'channelsLast' ? [1, 2] : [2, 3];
    const out = inputShape.slice();
    out[h] = windowOutputLength(inputShape[h] ?? null, this.poolSize[0], this.padding, this.strides[0]);
    out[w] = windowOutputLength(inputShape[w] ?? null, this.poolSize[1], this.padding, this.strides[1]);
    return out;
  }

  protected layerConfig(): ConfigDict {
    return { pool_size: this.poolSize, padding: this.padding, strides: this.strides, data_format: dataFormatConfig(this.dataFormat) };
  }
}

/**
 * Max pooling over 2-D windows (TF.js `tf.layers.maxPooling2d`): the first maximum of each window;
 * its gradient goes to that element.
 * @example layers.maxPooling2d({ poolSize: 2, inputShape: [28, 28, 8] })
 */
export class MaxPooling2D extends Pooling2D {
  static readonly className: string = 'MaxPooling2D';
  readonly className: string = MaxPooling2D.className;
  protected readonly op: typeof maxPool = maxPool;
  /** A MaxPooling2D from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): MaxPooling2D {
    return new MaxPooling2D(Pooling2D.readArgs(MaxPooling2D.className, config));
  }
  constructor(args: Pooling2DArgs = {}) {
    super('MaxPooling2D', args);
  }
}

/**
 * Average pooling over 2-D windows (TF.js `tf.layers.averagePooling2d`): with 'same' padding the
 * mean of each window's valid elements.
 * @example layers.averagePooling2d({ poolSize: [2, 2], strides: 1, padding: 'same' })
 */
export class AveragePooling2D extends Pooling2D {
  static readonly className: string = 'AveragePooling2D';
  readonly className: string = AveragePooling2D.className;
  protected readonly op: typeof maxPool = avgPool;
  /** An AveragePooling2D from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): AveragePooling2D {
    return new AveragePooling2D(Pooling2D.readArgs(AveragePooling2D.className, config));
  }
  constructor(args: Pooling2DArgs = {}) {
    super('AveragePooling2D', args);
  }
}
