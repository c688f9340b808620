import type { ConfigDict } from '../initializers/initializer.js';
import { pad } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import type { DataFormat } from './spatial-args.js';
import { configPairs, dataFormatConfig, dataFormatOf, sidePairs } from './spatial-args.js';

/** Arguments of `layers.zeroPadding2d` (TF.js `ZeroPadding2DLayerArgs`). */
export interface ZeroPadding2DArgs extends LayerArgs {
  /** Zeros added: n on every side, [h, w] (top = bottom = h, left = right = w) or [[top, bottom], [left, right]]; default 1. */
  padding?: number | [number, number] | [[number, number], [number, number]];
  /** 'channelsLast' (default) or 'channelsFirst'. */
  dataFormat?: DataFormat;
}

/**
 * Adds rows and columns of zeros around each image (TF.js `tf.layers.zeroPadding2d`), composed from
 * `pad` (gradient: the slice of dy inside the padding).
 * @example layers.zeroPadding2d({ padding: [[1, 0], [2, 2]], inputShape: [28, 28, 1] })
 */
export class ZeroPadding2D extends Layer {
  static readonly className: string = 'ZeroPadding2D';
  readonly className: string = ZeroPadding2D.className;
  readonly padding: [[number, number], [number, number]];
  readonly dataFormat: DataFormat;

  /** A ZeroPadding2D from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): ZeroPadding2D {
    const r = new ConfigReader(ZeroPadding2D.className, config);
    const args: ZeroPadding2DArgs = r.base();
    put(args, 'padding', configPairs(r, 'padding') as ZeroPadding2DArgs['padding']);
    return new ZeroPadding2D(put(args, 'dataFormat', r.string('data_format') as DataFormat | undefined));
  }

  constructor(args: ZeroPadding2DArgs = {}) {
    super('ZeroPadding2D', args);
    this.padding = sidePairs(this.name, 'padding', args.padding ?? 1);
    this.dataFormat = dataFormatOf(this.name, args.dataFormat);
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length !== 4) throw new Error(`${this.name}: expected input of rank 4 ${this.dataFormat === 'channelsLast' ? '[batch, height, width, channels]' : '[batch, channels, height, width]'}, received [${inputShape.join(', ')}]`);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    const [h, w] = this.padding;
    return pad(x, this.dataFormat === 'channelsLast' ? [[0, 0], h, w, [0, 0]] : [[0, 0], [0, 0], h, w]);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const first = this.dataFormat === 'channelsLast' ? 1 : 2;
    const out = inputShape.slice();
    this.padding.forEach(([before, after], i) => {
      const d = inputShape[first + i] ?? null;
      out[first + i] = d === null ? null : d + before + after;
    });
    return out;
  }

  protected layerConfig(): ConfigDict {
    return { padding: this.padding, data_format: dataFormatConfig(this.dataFormat) };
  }
}
