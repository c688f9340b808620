import type { ConfigDict } from '../initializers/initializer.js';
import { cast, greater, max, mul, notEqual } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, failConfig } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

/** Arguments of `layers.masking`. */
export interface MaskingArgs extends LayerArgs {
  /** Timesteps whose features all equal this value are masked (default 0). */
  maskValue?: number;
}

/**
 * Masks timesteps (Keras `Masking`): a timestep whose features all equal `maskValue` is zeroed
 * and marked masked; the recurrent layers after it then keep their previous output and states
 * at that step. Input [batch, time, features]; the mask is bool [batch, time].
 * @example layers.masking({ maskValue: 0, inputShape: [20, 8] })
 */
export class Masking extends Layer {
  static readonly className: string = 'Masking';
  readonly className: string = Masking.className;
  readonly maskValue: number;

  /**
   * A Masking from its config as a model file spells it.
   * @example Masking.fromConfig(Masking, { mask_value: 0 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Masking {
    const r = new ConfigReader(Masking.className, config);
    const v = r.get('mask_value');
    if (v !== undefined && typeof v !== 'number') failConfig(r.cls, 'mask_value', v, 'a number');
    return new Masking(v === undefined ? r.base() : { ...r.base(), maskValue: v });
  }

  constructor(args: MaskingArgs = {}) {
    super('Masking', args);
    if (args.maskValue !== undefined && typeof args.maskValue !== 'number') throw new Error(`${this.name}: maskValue must be a number. Received: maskValue=${String(args.maskValue)}`);
    this.maskValue = args.maskValue ?? 0;
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length < 3) throw new Error(`${this.name}: expected input of rank ≥ 3 [batch, time, features], received [${inputShape.map(String).join(', ')}]`);
  }

  /** Whether any feature differs from maskValue, per timestep, as 1 or 0 (keeps the last axis). */
  private kept(x: Tensor): Tensor {
    return max(cast(notEqual(x, this.maskValue), 'float32'), -1, true);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return mul(x, this.kept(x));
  }

  override computeMask(input: Tensor | Tensor[], _mask: Tensor | null): Tensor | null {
    const x = Array.isArray(input) ? (input[0] as Tensor) : input;
    const kept = this.kept(x);
    return greater(kept.reshape(kept.shape.slice(0, -1)), 0);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }

  protected layerConfig(): ConfigDict {
    return { mask_value: this.maskValue };
  }
}
