import type { ConfigDict } from '../initializers/initializer.js';
import { div, where } from '../ops/index.js';
import { bernoulliMask, foldIn, foldInPath } from '../random/index.js';
import { layerSeedKey } from './noise-key.js';
import { scalar, zerosLike } from '../ops/create.js';
import { Tensor } from '../ops/tensor.js';
import { ConfigReader, failConfig, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

/** Arguments of `layers.dropout`. */
export interface DropoutArgs extends LayerArgs {
  /** Fraction of inputs to drop, in [0, 1]. */
  rate: number;
  /** Shape of the mask, broadcast against the input (`null` entries take the input's extent). */
  noiseShape?: (number | null)[];
  /** A seed of the layer's own, instead of the global one. */
  seed?: number;
}

/**
 * Dropout (Keras semantics): in training, each element is kept with probability 1 − rate and
 * scaled by 1/(1 − rate), or zeroed; outside training, the identity. Rate 1 gives zeros.
 *
 * Randomness: the mask of training step t is `bernoulliMask(k, n, 1 − rate)` with
 * k = foldIn(foldInPath(seedKey, `<layer position>/mask`), t), seedKey the training call's key
 * (`layerSeedKey`), so each mask element is a pure function of (seed, training call, layer
 * position, step, element index): a new mask every step and every fit call, the same masks in
 * every run, and resuming at step t needs no generator state.
 * @example layers.dropout({ rate: 0.5 })
 */
export class Dropout extends Layer {
  static readonly className: string = 'Dropout';
  readonly className: string = Dropout.className;
  readonly rate: number;
  readonly noiseShape: (number | null)[] | null;
  readonly seed: number | null;

  /**
   * A Dropout from its config as a model file spells it.
   * @example Dropout.fromConfig(Dropout, { rate: 0.5, noise_shape: null, seed: null })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Dropout {
    const r = new ConfigReader(Dropout.className, config);
    const rate = r.get('rate');
    if (typeof rate !== 'number') failConfig(r.cls, 'rate', rate, 'a number in [0, 1]');
    const args: DropoutArgs = { ...r.base(), rate };
    put(args, 'noiseShape', r.ints('noise_shape', 1, true));
    return new Dropout(put(args, 'seed', r.int('seed', Number.MIN_SAFE_INTEGER)));
  }

  constructor(args: DropoutArgs) {
    super('Dropout', args);
    this.supportsMasking = true;
    if (typeof args.rate !== 'number' || !(args.rate >= 0 && args.rate <= 1)) {
      throw new Error(`${this.name}: rate must be a number in [0, 1]. Received: rate=${String(args.rate)}`);
    }
    if (args.seed !== undefined && !Number.isSafeInteger(args.seed)) throw new Error(`${this.name}: seed must be an integer. Received: seed=${String(args.seed)}`);
    this.rate = args.rate;
    this.noiseShape = args.noiseShape ?? null;
    this.seed = args.seed ?? null;
  }

  call(x: Tensor, ctx: CallContext): Tensor {
    if (!ctx.training || this.rate === 0) return x;
    // NOTE: zeros selected by `where`, not a fresh zeros tensor, so the output stays on the tape
    // and the input gets a zero gradient instead of none (which would stop variableGrads).
    if (this.rate === 1) return where(scalar(false), x, zerosLike(x));
    const keep = 1 - this.rate;
    const maskShape = this.noiseShape ? this.noiseShape.map((d, i) => d ?? (x.shape[i] as number)) : x.shape;
    if (maskShape.length !== x.rank || maskShape.some((d, i) => d !== 1 && d !== x.shape[i])) {
      throw new Error(`${this.name}: noiseShape ${JSON.stringify(this.noiseShape)} does not broadcast to the input shape [${x.shape.join(', ')}]; expected the same rank, each extent 1, null or the input's`);
    }
    const base = layerSeedKey(ctx, this.seed);
    const k = foldIn(foldInPath(base, `${this.randomPath}/mask${ctx.use ? `/${ctx.use}` : ''}`), ctx.step);
    const mask = new Tensor(bernoulliMask(k, maskShape.reduce((p, d) => p * d, 1), keep), maskShape, 'bool');
    return where(mask, div(x, keep), zerosLike(x));
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return { rate: this.rate, noise_shape: this.noiseShape, seed: this.seed };
  }
}
