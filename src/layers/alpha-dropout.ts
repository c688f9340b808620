import type { ConfigDict } from '../initializers/initializer.js';
import { add, mul, where } from '../ops/index.js';
import { scalar } from '../ops/create.js';
import { Tensor } from '../ops/tensor.js';
import { bernoulliMask } from '../random/index.js';
import { ConfigReader, failConfig, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import { checkSeed, noiseKey } from './noise-key.js';
import { received } from '../util/received.js';

/** Arguments of `layers.alphaDropout`. */
export interface AlphaDropoutArgs extends LayerArgs {
  /** Drop probability, in [0, 1). */
  rate: number;
  /** Shape of the mask, broadcast against the input (`null` entries take the input's extent). */
  noiseShape?: (number | null)[];
  /** A seed of the layer's own, instead of the global one. */
  seed?: number;
}

// SELU's constants (Klambauer et al. 2017), as Keras 3 writes them.
const ALPHA = 1.6732632423543772; // Keras writes 1.6732632423543772848170429916717 (the same double)
const SCALE = 1.0507009873554805; // Keras: 1.0507009873554804934193349852946

/**
 * Dropout for self-normalizing networks (Klambauer et al. 2017), Keras 3's formula: in training
 * (rate > 0), dropped elements become α' = −α·scale and the result is a·x + b with
 * a = ((1 − rate)(1 + rate·α'²))^(−1/2), b = −a·α'·rate, so mean and variance are kept; the
 * identity otherwise. α', a, b are float64 (a via 1/√, exact primitives) rounded to float32;
 * out = fround(fround(a · x') + b). The mask is Dropout's: bernoulliMask(key, n, 1 − rate) with
 * key = foldIn(foldInPath(seed, `<layer position>/mask`), step).
 * @example layers.alphaDropout({ rate: 0.1 })
 */
export class AlphaDropout extends Layer {
  static readonly className: string = 'AlphaDropout';
  readonly className: string = AlphaDropout.className;
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;

  /**
   * An AlphaDropout from its config as a model file spells it.
   * @example AlphaDropout.fromConfig(AlphaDropout, { rate: 0.1 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): AlphaDropout {
    const r = new ConfigReader(AlphaDropout.className, config);
    const rate = r.get('rate');
    if (typeof rate !== 'number') failConfig(r.cls, 'rate', rate, 'a number in [0, 1)');
    const args: AlphaDropoutArgs = { ...r.base(), rate };
    put(args, 'noiseShape', r.ints('noise_shape', 1, true));
    return new AlphaDropout(put(args, 'seed', r.int('seed', Number.MIN_SAFE_INTEGER)));
  }

  constructor(args: AlphaDropoutArgs) {
    super('AlphaDropout', args);
    if (typeof args.rate !== 'number' || !(args.rate >= 0 && args.rate < 1)) {
      throw new Error(`${this.name}: rate must be a number in [0, 1). Received: rate=${received(args.rate)}`);
    }
    this.rate = args.rate;
    this.noiseShape = args.noiseShape ?? null;
    this.seed = checkSeed(this.name, args.seed);
  }

  call(x: Tensor, ctx: CallContext): Tensor {
    if (!ctx.training || this.rate === 0) return x;
    const maskShape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? (x.shape[i] as number)) : x.shape;
    if (maskShape.length !== x.rank || maskShape.some((d, i) => d !== 1 && d !== x.shape[i])) {
      throw new Error(`${this.name}: noiseShape ${JSON.stringify(this.noiseShape)} does not broadcast to the input shape [${x.shape.join(', ')}]; expected the same rank, each extent 1, null or the input's`);
    }
    const rate = this.rate;
    const alphaP = -ALPHA * SCALE;
    const a = 1 / Math.sqrt((1 - rate) * (1 + rate * alphaP * alphaP));
    const b = -a * alphaP * rate;
    const k = noiseKey(ctx, this.randomPath, 'mask', this.seed);
    const mask = new Tensor(bernoulliMask(k, maskShape.reduce((p, d) => p * d, 1), 1 - rate), maskShape, 'bool');
    const kept = where(mask, x, scalar(alphaP));
    return add(mul(scalar(a), kept), scalar(b));
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return { rate: this.rate, noise_shape: this.noiseShape, seed: this.seed };
  }
}
