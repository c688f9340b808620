import type { ConfigDict } from '../initializers/initializer.js';
import { exp, logSumExp, softmax, sub, where } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { checkLayerOptions } from './activation-options.js';
import { ConfigReader, failConfig } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import { received } from '../util/received.js';

/** Arguments of `layers.softmax` (TF.js `SoftmaxLayerArgs`). */
export interface SoftmaxArgs extends LayerArgs {
  /** The axis, or axes, normalized over (default −1, the last). */
  axis?: number | number[];
}

/** Keras 3's value for masked logits (float32; float16 would use −3e4). */
const MASKED_LOGIT = -1e9;

/**
 * Softmax as a layer: e^(x − max) / Σ e^(x − max) over `axis` (the `softmax` op); over several
 * axes, exp(x − logSumExp(x, axes)) as TF.js and Keras 3. With an input mask (Keras 3), masked
 * positions take the logit −1e9 and then the output 0. NOTE: the default axis is −1, as TF.js
 * documents and Keras uses; TF.js 4.22's code defaults to axis 1 (the same for rank-2 inputs).
 * @example layers.softmax({ axis: -1 })
 */
export class Softmax extends Layer {
  static readonly className: string = 'Softmax';
  readonly className: string = Softmax.className;
  readonly axis: number | number[];

  /**
   * A Softmax from its config as a model file spells it (`axis`: an integer or a list).
   * @example Softmax.fromConfig(Softmax, { axis: -1 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Softmax {
    const r = new ConfigReader(Softmax.className, config);
    const axis = r.get('axis');
    const ok = axis === undefined || Number.isSafeInteger(axis) || (Array.isArray(axis) && axis.every((a) => Number.isSafeInteger(a)));
    if (!ok) failConfig(r.cls, 'axis', axis, 'an integer or a list of integers');
    const args: SoftmaxArgs = r.base();
    if (axis !== undefined) args.axis = axis as number | number[];
    return new Softmax(args);
  }

  constructor(args: SoftmaxArgs = {}) {
    super('Softmax', args);
    checkLayerOptions(this.name, args, ['axis']);
    const axis = args.axis ?? -1;
    const list = Array.isArray(axis) ? axis : [axis];
    if (list.length === 0 || !list.every((a) => Number.isSafeInteger(a))) {
      throw new Error(`${this.name}: axis must be an integer or a non-empty array of integers. Received: axis=${received(args.axis)}`);
    }
    this.axis = Array.isArray(axis) ? axis.slice() : axis;
    this.supportsMasking = true;
  }

  /** The axes as non-negative indices for an input of `rank`; throws naming the layer. */
  private axes(rank: number): number[] {
    const list = Array.isArray(this.axis) ? this.axis : [this.axis];
    const axes = list.map((a) => (a < 0 ? a + rank : a));
    if (axes.some((a) => a < 0 || a >= rank) || new Set(axes).size !== axes.length) {
      throw new Error(`${this.name}: axis ${JSON.stringify(this.axis)} does not fit an input of rank ${rank}; expected distinct axes in [${-rank}, ${rank - 1}]`);
    }
    return axes;
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    this.axes(inputShape.length);
  }

  call(x: Tensor, ctx: CallContext): Tensor {
    const axes = this.axes(x.rank);
    const mask = ctx.mask;
    if (mask) {
      const fits = mask.rank <= x.rank && mask.shape.every((d, i) => d === 1 || d === x.shape[x.rank - mask.rank + i]);
      if (!fits) throw new Error(`${this.name}: the input mask of shape [${mask.shape.join(', ')}] does not broadcast to the input [${x.shape.join(', ')}]; expected each mask extent 1 or the input's, aligned from the last axis (as Keras 3)`);
    }
    const logits = mask ? where(mask, x, MASKED_LOGIT) : x;
    const y = axes.length === 1 ? softmax(logits, axes[0]) : exp(sub(logits, logSumExp(logits, axes, true)));
    // Keras 3: zero the masked positions, which a fully masked row would otherwise fill uniformly.
    return mask ? where(mask, y, 0) : y;
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return { axis: this.axis };
  }
}
