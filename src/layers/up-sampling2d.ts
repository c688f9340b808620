import type { ConfigDict } from '../initializers/initializer.js';
import { tensor } from '../ops/create.js';
import { add, gather, mul, reshape, sub, tile } from '../ops/index.js';
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
  /** 'nearest' (the default) or 'bilinear' (Keras 3's half-pixel sampling; see the class). */
  interpolation?: 'nearest' | 'bilinear';
}

/**
 * Upsamples images by integer factors (TF.js `tf.layers.upSampling2d`). 'nearest' repeats each row
 * size[0] times and each column size[1] times (output (i, j) is input (⌊i / size[0]⌋,
 * ⌊j / size[1]⌋)), composed from `reshape` and `tile`. 'bilinear' samples as Keras 3 does (TF's
 * `resize` with half-pixel centers; TF.js's `resizeBilinear` without them differs): along the width,
 * then the height, output i reads t = (i + ½) / s − ½, lo = ⌊t⌋ and hi = lo + 1 clamped to the
 * input, f = fl32(t − ⌊t⌋), and gives fl32(x[lo] + fl32(fl32(x[hi] − x[lo])·f)) (TF's lerp order),
 * composed from `gather`, `sub`, `mul` and `add`, so its gradient is theirs.
 * @example layers.upSampling2d({ size: [2, 2], inputShape: [7, 7, 16] })
 */
export class UpSampling2D extends Layer {
  static readonly className: string = 'UpSampling2D';
  readonly className: string = UpSampling2D.className;
  readonly size: [number, number];
  readonly dataFormat: DataFormat;
  readonly interpolation: 'nearest' | 'bilinear';

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
    if (interpolation !== 'nearest' && interpolation !== 'bilinear') {
      throw new Error(`${this.name}: interpolation must be 'nearest' or 'bilinear'. Received: interpolation=${JSON.stringify(interpolation)}`);
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
    if (this.interpolation === 'bilinear') return bilinear(bilinear(x, wAxis, this.size[1]), hAxis, this.size[0]);
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

/** Half-pixel linear interpolation along `axis` by the integer factor `s` (see UpSampling2D). */
function bilinear(x: Tensor, axis: number, s: number): Tensor {
  const n = x.shape[axis] as number;
  const lo = new Int32Array(n * s);
  const hi = new Int32Array(n * s);
  const f = new Float32Array(n * s);
  for (let i = 0; i < n * s; i++) {
    const t = (i + 0.5) / s - 0.5;
    const floor = Math.floor(t);
    lo[i] = Math.min(Math.max(floor, 0), n - 1);
    hi[i] = Math.min(Math.max(floor + 1, 0), n - 1);
    f[i] = t - floor;
  }
  const x0 = gather(x, tensor(lo, [n * s], 'int32'), axis);
  const x1 = gather(x, tensor(hi, [n * s], 'int32'), axis);
  const weights = tensor(f, x.shape.map((_, a) => (a === axis ? n * s : 1)));
  return add(x0, mul(sub(x1, x0), weights));
}
