import type { ConfigDict } from '../initializers/initializer.js';
import { slice } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import type { DataFormat } from './spatial-args.js';
import { configPairs, dataFormatConfig, dataFormatOf, sidePairs } from './spatial-args.js';

/** Arguments of `layers.cropping2D` (TF.js `Cropping2DLayerArgs`). */
export interface Cropping2DArgs extends LayerArgs {
  /** Rows and columns removed: n from every side, [h, w] (symmetric) or [[top, bottom], [left, right]]. */
  cropping: number | [number, number] | [[number, number], [number, number]];
  /** 'channelsLast' (default) or 'channelsFirst'. */
  dataFormat?: DataFormat;
}

/**
 * Removes rows and columns at the borders of each image (TF.js `tf.layers.cropping2D`), composed
 * from `slice` (gradient: dy padded back with zeros).
 * @example layers.cropping2D({ cropping: [[2, 2], [4, 4]], inputShape: [28, 28, 3] })
 */
export class Cropping2D extends Layer {
  static readonly className: string = 'Cropping2D';
  readonly className: string = Cropping2D.className;
  readonly cropping: [[number, number], [number, number]];
  readonly dataFormat: DataFormat;

  /** A Cropping2D from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Cropping2D {
    const r = new ConfigReader(Cropping2D.className, config);
    const args = { ...r.base(), cropping: configPairs(r, 'cropping') ?? 0 } as Cropping2DArgs;
    return new Cropping2D(put(args, 'dataFormat', r.string('data_format') as DataFormat | undefined));
  }

  constructor(args: Cropping2DArgs) {
    super('Cropping2D', args);
    this.cropping = sidePairs(this.name, 'cropping', args.cropping);
    this.dataFormat = dataFormatOf(this.name, args.dataFormat);
  }

  private spatial(): [number, number] {
    return this.dataFormat === 'channelsLast' ? [1, 2] : [2, 3];
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length !== 4) throw new Error(`${this.name}: expected input of rank 4 ${this.dataFormat === 'channelsLast' ? '[batch, height, width, channels]' : '[batch, channels, height, width]'}, received [${inputShape.join(', ')}]`);
    this.spatial().forEach((axis, i) => {
      const d = inputShape[axis] ?? null;
      const [before, after] = this.cropping[i] as [number, number];
      if (d !== null && before + after >= d) {
        throw new Error(`${this.name}: cropping ${JSON.stringify(this.cropping)} removes ${before + after} of the ${d} ${i === 0 ? 'rows' : 'columns'} of input [${inputShape.join(', ')}]; expected fewer than ${d}`);
      }
    });
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    const begin = x.shape.map(() => 0);
    const size = x.shape.slice();
    this.spatial().forEach((axis, i) => {
      const [before, after] = this.cropping[i] as [number, number];
      begin[axis] = before;
      size[axis] = (x.shape[axis] as number) - before - after;
    });
    return slice(x, begin, size);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const out = inputShape.slice();
    this.spatial().forEach((axis, i) => {
      const d = inputShape[axis] ?? null;
      const [before, after] = this.cropping[i] as [number, number];
      out[axis] = d === null ? null : d - before - after;
    });
    return out;
  }

  protected layerConfig(): ConfigDict {
    return { cropping: this.cropping, data_format: dataFormatConfig(this.dataFormat) };
  }
}
