import type { ConfigDict } from '../initializers/initializer.js';
import { mul } from '../ops/index.js';
import { Tensor } from '../ops/tensor.js';
import { normalFloat32 } from '../random/index.js';
import { ConfigReader, failConfig, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import { checkSeed, noiseKey } from './noise-key.js';
import { received } from '../util/received.js';

/** Arguments of `layers.gaussianDropout`. */
export interface GaussianDropoutArgs extends LayerArgs {
  /** Drop probability, in [0, 1): the noise has standard deviation √(rate / (1 − rate)). */
  rate: number;
  /** A seed of the layer's own, instead of the global one. */
  seed?: number;
}

/**
 * Multiplies by Gaussian noise of mean 1 in training (Keras 3: `training and rate > 0`); the
 * identity otherwise. σ = √(rate / (1 − rate)) in float64 (exact √); element i of step t's noise
 * is fround(1 + σ · z_i), z_i the standard normal of position i under
 * foldIn(foldInPath(seed, `<layer position>/noise`), t); out = fround(x · noise).
 * @example layers.gaussianDropout({ rate: 0.2 })
 */
export class GaussianDropout extends Layer {
  static readonly className: string = 'GaussianDropout';
  readonly className: string = GaussianDropout.className;
  readonly rate: number;
  readonly seed: number | null;

  /**
   * A GaussianDropout from its config as a model file spells it.
   * @example GaussianDropout.fromConfig(GaussianDropout, { rate: 0.2 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): GaussianDropout {
    const r = new ConfigReader(GaussianDropout.className, config);
    const rate = r.get('rate');
    if (typeof rate !== 'number') failConfig(r.cls, 'rate', rate, 'a number in [0, 1)');
    const args: GaussianDropoutArgs = { ...r.base(), rate };
    return new GaussianDropout(put(args, 'seed', r.int('seed', Number.MIN_SAFE_INTEGER)));
  }

  constructor(args: GaussianDropoutArgs) {
    super('GaussianDropout', args);
    if (typeof args.rate !== 'number' || !(args.rate >= 0 && args.rate < 1)) {
      throw new Error(`${this.name}: rate must be a number in [0, 1). Received: rate=${received(args.rate)}`);
    }
    this.rate = args.rate;
    this.seed = checkSeed(this.name, args.seed);
  }

  call(x: Tensor, ctx: CallContext): Tensor {
    if (!ctx.training || this.rate === 0) return x;
    const stddev = Math.sqrt(this.rate / (1 - this.rate));
    const noise = normalFloat32(noiseKey(ctx, this.randomPath, 'noise', this.seed), x.size, 1, stddev);
    return mul(x, new Tensor(noise, x.shape, 'float32'));
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return { rate: this.rate, seed: this.seed };
  }
}
