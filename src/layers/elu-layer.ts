import type { ConfigDict } from '../initializers/initializer.js';
import { elu } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { checkLayerOptions, configNumber, optionNumber } from './activation-options.js';
import { ConfigReader, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

/** Arguments of `layers.elu` (TF.js `ELULayerArgs`). */
export interface ELUArgs extends LayerArgs {
  /** Scale of the negative part (default 1). */
  alpha?: number;
}

/**
 * Exponential linear unit as a layer: x for x > 0, alpha·(eˣ − 1) otherwise (expm1 from
 * src/math). TF.js refuses any alpha but 1; SameBits takes any finite alpha, as Keras.
 * @example layers.elu({ alpha: 0.5 })
 */
export class ELU extends Layer {
  static readonly className: string = 'ELU';
  readonly className: string = ELU.className;
  readonly alpha: number;

  /**
   * An ELU from its config as a model file spells it (TF.js, Keras 2 and Keras 3 all write `alpha`).
   * @example ELU.fromConfig(ELU, { alpha: 1 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): ELU {
    const r = new ConfigReader(ELU.className, config);
    return new ELU(put(r.base() as ELUArgs, 'alpha', configNumber(r, 'alpha')));
  }

  constructor(args: ELUArgs = {}) {
    super('ELU', args);
    checkLayerOptions(this.name, args, ['alpha']);
    this.alpha = optionNumber(this.name, 'alpha', args.alpha, 1, -Infinity);
    this.supportsMasking = true;
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return elu(x, this.alpha);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return { alpha: this.alpha };
  }
}
