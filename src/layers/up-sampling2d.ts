import type { ConfigDict } from '../initializers/initializer.js';
import { reshape, tile } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import type { DataFormat } from './spatial-args.js';
import { configSizes, dataFormatConfig, dataFormatOf, sizeTuple } from './spatial-args.js';

/** Arguments of `layers.upSampling2d` (TF.js `UpSampling2DLayerArgs`). */
export interface UpSampling2DArgs extends LayerArgs {
  /** Repeats [rows, columns], or one number for both (default [2, 2]). */
  size?: number | [number, number];
  /** 'channelsLast' (default) or 'channelsFirst'. */
  dataFormat?: DataFormat;
  /** 'nearest' (the default; 'bilinear' is not supported yet). */
  interpolation?: 'nearest' | 'bilinear';
}

/**
 * Repeats each row size[0] times and each column size[1] times (TF.js `tf.layers.upSampling2d`
 * with nearest interpolation: output (i, j) is input (⌊i / size[0]⌋, ⌊j / size[1]⌋)), composed
 * from `reshape` and `tile` (gradient: dy summed over each block of copies).
 * @example layers.upSampling2d({ size: [2, 2], inputShape: [7, 7, 16] })
 */
export class UpSampling2D extends Layer {
  static readonly className: string = 'UpSampling2D';
  readonly className: string = UpSampling2D.className;
  readonly size: [number, number];
  readonly dataFormat: DataFormat;
  readonly interpolation: 'nearest';

  /** An UpSampling2D from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): UpSampling2D {
    const r = new ConfigReader(UpSampling2D.className, config);
    const args: UpSampling2DArgs = r.base();
    put(args, 'size', configSizes(r, 'size', 2) as UpSampling2DArgs['size']);
    put(args, 'interpolation', r.string('interpolation') as UpSampling2DArgs['interpolation']);
    return new UpSampling2D(put(args, 'dataFormat', r.string('data_format') as DataFormat | undefined));
  }

  constructor(args: UpSampling2DArgs = {}) {
    super('UpSampling2D', args);
    this.size = sizeTuple(this.name, 'size', args.size ?? 2, 2) as [number, number];
    this.dataFormat = dataFormatOf(this.name, args.dataFormat);
    const interpolation = args.interpolation ?? 'nearest';
    if (interpolation !== 'nearest') {
      throw new Error(`${this.name}: interpolation must be 'nearest' (SameBits does not support 'bilinear' yet). Received: interpolation=${JSON.stringify(interpolation)}`);
    }
    this.interpolation = interpolation;
  }

  private spatial(): [number, number] {
    return this.dataFormat === 'channelsLast' ? [1, 2] : [2, 3];
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length !== 4) throw new Error(`${this.name}: expected input of rank 4 ${this.dataFormat === 'channelsLast' ? '[batch, height, width, channels]' : '[batch, channels, height, width]'}, received [${inputShape.join(', ')}]`);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    const [hAxis, wAxis] = this.spatial();
    // [b, h, w, c] → [b, h, 1, w, 1, c] → tile the unit axes → [b, h·sh, w·sw, c] (channels first alike).
    const split = x.shape.flatMap((d, axis) => (axis === hAxis || axis === wAxis ? [d, 1] : [d]));
    const reps = split.map(() => 1);
    reps[hAxis + 1] = this.size[0];
    reps[wAxis + 2] = this.size[1];
    return reshape(tile(reshape(x, split), reps), this.computeOutputShape(x.shape) as number[]);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const out = inputShape.slice();
    this.spatial().forEach((axis, i) => {
      const d = inputShape[axis] ?? null;
      out[axis] = d === null ? null : d * (this.size[i] as number);
    });
    return out;
  }

  protected layerConfig(): ConfigDict {
    return { size: this.size, data_format: dataFormatConfig(this.dataFormat), interpolation: this.interpolation };
  }
}
