import type { ConfigDict } from '../initializers/initializer.js';
import { transpose } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, failConfig } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

/** Arguments of `layers.permute`. */
export interface PermuteArgs extends LayerArgs {
  /** Permutation of the non-batch axes, 1-based (Keras): `[2, 1]` swaps the two. */
  dims: number[];
}

/**
 * Permutes the non-batch axes (1-based `dims`, as Keras).
 * @example layers.permute({ dims: [2, 1], inputShape: [10, 64] })
 */
export class Permute extends Layer {
  static readonly className: string = 'Permute';
  readonly className: string = Permute.className;
  readonly dims: number[];
  /** A Permute from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Permute {
    const r = new ConfigReader(Permute.className, config);
    const dims = r.ints('dims', 1, false);
    if (dims === undefined) failConfig(r.cls, 'dims', dims, 'an array of integers (the key is required)');
    return new Permute({ ...r.base(), dims: dims as number[] });
  }
  constructor(args: PermuteArgs) {
    super('Permute', args);
    const sorted = [...(args.dims ?? [])].sort((a, b) => a - b);
    if (!Array.isArray(args.dims) || sorted.some((d, i) => d !== i + 1)) {
      throw new Error(`${this.name}: dims must be a permutation of 1…${args.dims?.length ?? 0} (1-based, batch axis excluded). Received: dims=${JSON.stringify(args.dims)}`);
    }
    this.dims = args.dims.slice();
  }
  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length !== this.dims.length + 1) throw new Error(`${this.name}: dims ${JSON.stringify(this.dims)} expect inputs of rank ${this.dims.length + 1}, received shape [${inputShape.join(', ')}]`);
  }
  call(x: Tensor, _ctx: CallContext): Tensor {
    return transpose(x, [0, ...this.dims]);
  }
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, ...this.dims.map((d) => inputShape[d] ?? null)];
  }
  protected layerConfig(): ConfigDict {
    return { dims: this.dims };
  }
}
