import type { ConfigDict } from '../initializers/initializer.js';
import { expandDims, tile } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

/** Arguments of `layers.repeatVector` (TF.js `RepeatVectorLayerArgs`). */
export interface RepeatVectorArgs extends LayerArgs {
  /** How many times to repeat each input vector. */
  n: number;
}

/**
 * Repeats each [batch, features] vector n times: [batch, n, features] (TF.js
 * `tf.layers.repeatVector`), composed from `tile` (gradient: dy summed over the copies).
 * @example layers.repeatVector({ n: 4, inputShape: [16] })
 */
export class RepeatVector extends Layer {
  static readonly className: string = 'RepeatVector';
  readonly className: string = RepeatVector.className;
  readonly n: number;

  /** A RepeatVector from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): RepeatVector {
    const r = new ConfigReader(RepeatVector.className, config);
    return new RepeatVector({ ...r.base(), n: r.requiredInt('n', 1) });
  }

  constructor(args: RepeatVectorArgs) {
    super('RepeatVector', args);
    if (!Number.isInteger(args.n) || args.n < 1) throw new Error(`${this.name}: n must be a positive integer. Received: n=${String(args.n)}`);
    this.n = args.n;
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length !== 2) throw new Error(`${this.name}: expected input of rank 2 [batch, features], received [${inputShape.join(', ')}]`);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return tile(expandDims(x, 1), [1, this.n, 1]);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, this.n, inputShape[1] ?? null];
  }

  protected layerConfig(): ConfigDict {
    return { n: this.n };
  }
}
