import type { ConfigDict } from '../initializers/initializer.js';
import { reshape } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, failConfig } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

/** Arguments of `layers.reshape`. */
export interface ReshapeArgs extends LayerArgs {
  /** Target shape without the batch axis; one extent may be −1. */
  targetShape: number[];
}

/**
 * Reshapes each sample to `targetShape` (batch axis kept).
 * @example layers.reshape({ targetShape: [2, 3] })
 */
export class Reshape extends Layer {
  static readonly className: string = 'Reshape';
  readonly className: string = Reshape.className;
  readonly targetShape: number[];
  /** A Reshape from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Reshape {
    const r = new ConfigReader(Reshape.className, config);
    const target = r.ints('target_shape', -1, true);
    if (target === undefined) failConfig(r.cls, 'target_shape', target, 'an array of integers (the key is required)');
    // TF.js writes the unknown dimension (-1) as null.
    return new Reshape({ ...r.base(), targetShape: target.map((d) => d ?? -1) });
  }
  constructor(args: ReshapeArgs) {
    super('Reshape', args);
    if (!Array.isArray(args.targetShape) || args.targetShape.filter((d) => d === -1).length > 1 || args.targetShape.some((d) => d !== -1 && (!Number.isInteger(d) || d < 1))) {
      throw new Error(`${this.name}: targetShape must be positive integers with at most one -1. Received: targetShape=${JSON.stringify(args.targetShape)}`);
    }
    this.targetShape = args.targetShape.slice();
  }
  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.slice(1).includes(null)) return; // unknown extents: checked on the concrete input
    const size = inputShape.slice(1).reduce<number>((p, d) => p * (d as number), 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
    const ok = this.targetShape.includes(-1) ? size % known === 0 : size === known;
    if (!ok) throw new Error(`${this.name}: cannot reshape samples of shape [${inputShape.slice(1).join(', ')}] (${size} values) to targetShape [${this.targetShape.join(', ')}]`);
  }
  call(x: Tensor, _ctx: CallContext): Tensor {
    return reshape(x, [x.shape[0] as number, ...this.targetShape]);
  }
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const rest = inputShape.slice(1);
    const size = rest.includes(null) ? null : rest.reduce<number>((p, d) => p * (d as number), 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
    return [inputShape[0] ?? null, ...this.targetShape.map((d) => (d !== -1 ? d : size === null ? null : size / known))];
  }
  protected layerConfig(): ConfigDict {
    return { target_shape: this.targetShape };
  }
}
