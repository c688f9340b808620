import type { ConfigDict } from '../initializers/initializer.js';
import { lessEqual, where } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { checkLayerOptions, configNumber, optionNumber } from './activation-options.js';
import { ConfigReader, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

/** Arguments of `layers.thresholdedReLU` (TF.js `ThresholdedReLULayerArgs`). */
export interface ThresholdedReLUArgs extends LayerArgs {
  /** Threshold (≥ 0, default 1): outputs are x where x > theta, else 0. */
  theta?: number;
}

/**
 * Thresholded rectified linear unit (TF.js, Keras 2; Keras 3 has it only as a legacy layer):
 * x where x > theta, 0 otherwise.
 * NOTE: selected with `where`, not TF.js's x · cast(x > theta): the product makes −Infinity · 0 =
 * NaN and −0 for negative x; the values are otherwise the same. The test is x <= theta → 0, so
 * that NaN stays NaN as in the product (x > theta → x would turn NaN into 0 and hide it).
 * @example layers.thresholdedReLU({ theta: 0.5 })
 */
export class ThresholdedReLU extends Layer {
  static readonly className: string = 'ThresholdedReLU';
  readonly className: string = ThresholdedReLU.className;
  readonly theta: number;

  /**
   * A ThresholdedReLU from its config as a model file spells it.
   * @example ThresholdedReLU.fromConfig(ThresholdedReLU, { theta: 1 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): ThresholdedReLU {
    const r = new ConfigReader(ThresholdedReLU.className, config);
    return new ThresholdedReLU(put(r.base() as ThresholdedReLUArgs, 'theta', configNumber(r, 'theta')));
  }

  constructor(args: ThresholdedReLUArgs = {}) {
    super('ThresholdedReLU', args);
    checkLayerOptions(this.name, args, ['theta']);
    this.theta = optionNumber(this.name, 'theta', args.theta, 1, 0);
    this.supportsMasking = true;
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return where(lessEqual(x, this.theta), 0, x);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return { theta: this.theta };
  }
}
