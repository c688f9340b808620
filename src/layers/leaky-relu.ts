import type { ConfigDict } from '../initializers/initializer.js';
import { leakyRelu } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { checkLayerOptions, configNumber, optionNumber } from './activation-options.js';
import { ConfigReader, failConfig, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

/** Arguments of `layers.leakyReLU` (TF.js `LeakyReLULayerArgs`). */
export interface LeakyReLUArgs extends LayerArgs {
  /** Slope for x ≤ 0 (≥ 0, as Keras requires); default 0.3, as TF.js and Keras 3. */
  alpha?: number;
}

/**
 * Leaky rectified linear unit as a layer: x for x > 0, alpha·x otherwise.
 * NOTE: the layer's default slope is 0.3 (TF.js, Keras 2 and 3), the `leakyRelu` op's and
 * activation's 0.2.
 * @example layers.leakyReLU({ alpha: 0.1 })
 */
export class LeakyReLU extends Layer {
  static readonly className: string = 'LeakyReLU';
  readonly className: string = LeakyReLU.className;
  readonly alpha: number;

  /**
   * A LeakyReLU from its config as a model file spells it: `alpha` (TF.js, Keras 2) or
   * `negative_slope` (Keras 3).
   * @example LeakyReLU.fromConfig(LeakyReLU, { negative_slope: 0.1 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): LeakyReLU {
    const r = new ConfigReader(LeakyReLU.className, config);
    const alpha = configNumber(r, 'alpha');
    const slope = configNumber(r, 'negative_slope');
    if (alpha !== undefined && slope !== undefined && alpha !== slope) failConfig(r.cls, 'negative_slope', slope, `equal to alpha (${alpha}) when both are given`);
    return new LeakyReLU(put(r.base() as LeakyReLUArgs, 'alpha', alpha ?? slope));
  }

  constructor(args: LeakyReLUArgs = {}) {
    super('LeakyReLU', args);
    checkLayerOptions(this.name, args, ['alpha']);
    this.alpha = optionNumber(this.name, 'alpha', args.alpha, 0.3, 0);
    this.supportsMasking = true;
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return leakyRelu(x, this.alpha);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return { alpha: this.alpha };
  }
}
