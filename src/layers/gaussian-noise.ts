import type { ConfigDict } from '../initializers/initializer.js';
import { add } from '../ops/index.js';
import { Tensor } from '../ops/tensor.js';
import { normalFloat32 } from '../random/index.js';
import { ConfigReader, failConfig, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import { checkSeed, noiseKey } from './noise-key.js';
import { received } from '../util/received.js';

/** Arguments of `layers.gaussianNoise`. */
export interface GaussianNoiseArgs extends LayerArgs {
  /** Standard deviation of the noise (≥ 0). */
  stddev: number;
  /** A seed of the layer's own, instead of the global one. */
  seed?: number;
}

/**
 * Adds zero-mean Gaussian noise in training (Keras 3: `training and stddev > 0`); the identity
 * otherwise. Element i of step t's noise is fround(stddev · z_i), z_i the standard normal of
 * position i under foldIn(foldInPath(seed, `<layer position>/noise`), t); out = fround(x + noise).
 * @example layers.gaussianNoise({ stddev: 0.1 })
 */
export class GaussianNoise extends Layer {
  static readonly className: string = 'GaussianNoise';
  readonly className: string = GaussianNoise.className;
  readonly stddev: number;
  readonly seed: number | null;

  /**
   * A GaussianNoise from its config as a model file spells it.
   * @example GaussianNoise.fromConfig(GaussianNoise, { stddev: 0.1 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): GaussianNoise {
    const r = new ConfigReader(GaussianNoise.className, config);
    const stddev = r.get('stddev');
    if (typeof stddev !== 'number') failConfig(r.cls, 'stddev', stddev, 'a number >= 0');
    const args: GaussianNoiseArgs = { ...r.base(), stddev };
    return new GaussianNoise(put(args, 'seed', r.int('seed', Number.MIN_SAFE_INTEGER)));
  }

  constructor(args: GaussianNoiseArgs) {
    super('GaussianNoise', args);
    if (typeof args.stddev !== 'number' || !(args.stddev >= 0 && Number.isFinite(args.stddev))) {
      throw new Error(`${this.name}: stddev must be a finite number >= 0. Received: stddev=${received(args.stddev)}`);
    }
    this.stddev = args.stddev;
    this.seed = checkSeed(this.name, args.seed);
  }

  call(x: Tensor, ctx: CallContext): Tensor {
    if (!ctx.training || this.stddev === 0) return x;
    const noise = normalFloat32(noiseKey(ctx, this.randomPath, 'noise', this.seed), x.size, 0, this.stddev);
    return add(x, new Tensor(noise, x.shape, 'float32'));
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return { stddev: this.stddev, seed: this.seed };
  }
}
