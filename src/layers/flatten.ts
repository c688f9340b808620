import type { ConfigDict } from '../initializers/initializer.js';
import { reshape } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, failConfig } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

/**
 * Flattens every axis but the batch axis: [batch, a, b] → [batch, a·b].
 * @example layers.flatten({ inputShape: [28, 28] })
 */
export class Flatten extends Layer {
  static readonly className: string = 'Flatten';
  readonly className: string = Flatten.className;
  /** A Flatten from its config as a model file spells it (only channels_last). */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Flatten {
    const r = new ConfigReader(Flatten.className, config);
    const format = r.string('data_format');
    if (format !== undefined && format !== 'channels_last') failConfig(r.cls, 'data_format', format, "'channels_last'");
    return new Flatten(r.base());
  }
  constructor(args: LayerArgs = {}) {
    super('Flatten', args);
  }
  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length < 2) throw new Error(`${this.name}: expected an input of rank ≥ 2 (batch, features…), received shape [${inputShape.join(', ')}]`);
  }
  call(x: Tensor, _ctx: CallContext): Tensor {
    return reshape(x, [x.shape[0] as number, -1]);
  }
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const rest = inputShape.slice(1);
    return [inputShape[0] ?? null, rest.some((d) => d === null) ? null : rest.reduce<number>((p, d) => p * (d as number), 1)];
  }
  protected layerConfig(): ConfigDict {
    return {};
  }
}
