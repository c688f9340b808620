import type { ConfigDict } from '../initializers/initializer.js';
import { clipByValue, leakyRelu, lessEqual, mul, relu, sub, where } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { checkLayerOptions, configNumber, optionNumber } from './activation-options.js';
import { ConfigReader, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import { received } from '../util/received.js';

/** Arguments of `layers.reLU` (TF.js `ReLULayerArgs`, plus Keras 3's `negativeSlope` and `threshold`). */
export interface ReLUArgs extends LayerArgs {
  /** Upper bound of the output (≥ 0); none by default. */
  maxValue?: number | null;
  /** Keras 3: slope below the threshold (≥ 0, default 0). */
  negativeSlope?: number;
  /** Keras 3: inputs at or below it are damped (≥ 0, default 0). */
  threshold?: number;
}

/**
 * Rectified linear unit as a layer: max(x, 0), clipped to `maxValue` when given (TF.js: relu then
 * clipByValue(0, maxValue)). With Keras 3's `threshold` t or `negativeSlope` s (Keras 3
 * `activations.relu`): y = x where x > t else 0, clipped to [0, maxValue], minus s·relu(t − x);
 * s alone with no maxValue and t = 0 is leakyRelu(x, s).
 * @example layers.reLU({ maxValue: 6 })
 */
export class ReLU extends Layer {
  static readonly className: string = 'ReLU';
  readonly className: string = ReLU.className;
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  /**
   * A ReLU from its config as a model file spells it (TF.js `max_value`; Keras 3 adds
   * `negative_slope` and `threshold`).
   * @example ReLU.fromConfig(ReLU, { max_value: 6 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): ReLU {
    const r = new ConfigReader(ReLU.className, config);
    const args: ReLUArgs = r.base();
    put(args, 'maxValue', configNumber(r, 'max_value'));
    put(args, 'negativeSlope', configNumber(r, 'negative_slope'));
    return new ReLU(put(args, 'threshold', configNumber(r, 'threshold')));
  }

  constructor(args: ReLUArgs = {}) {
    super('ReLU', args);
    checkLayerOptions(this.name, args, ['maxValue', 'negativeSlope', 'threshold']);
    const max = args.maxValue ?? null;
    if (max !== null && (typeof max !== 'number' || !(max >= 0))) {
      throw new Error(`${this.name}: maxValue must be a number >= 0 or null. Received: maxValue=${received(max)}`);
    }
    this.maxValue = max;
    this.negativeSlope = optionNumber(this.name, 'negativeSlope', args.negativeSlope, 0, 0);
    this.threshold = optionNumber(this.name, 'threshold', args.threshold, 0, 0);
    this.supportsMasking = true;
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    const { maxValue: max, negativeSlope: slope, threshold: t } = this;
    if (slope !== 0 && max === null && t === 0) return leakyRelu(x, slope);
    // x <= t → 0, else x: NaN stays NaN, as in Keras's x · (x > t).
    let y = t !== 0 ? where(lessEqual(x, t), 0, x) : relu(x);
    if (max !== null) y = clipByValue(y, 0, max);
    return slope !== 0 ? sub(y, mul(slope, relu(sub(t, x)))) : y;
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    // TF.js's keys; Keras 3's extra two only when they change the function.
    const config: ConfigDict = { max_value: this.maxValue };
    if (this.negativeSlope !== 0) config['negative_slope'] = this.negativeSlope;
    if (this.threshold !== 0) config['threshold'] = this.threshold;
    return config;
  }
}
