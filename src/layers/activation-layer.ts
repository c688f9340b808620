import type { ConfigDict } from '../initializers/initializer.js';
import type { Tensor } from '../ops/tensor.js';
import type { ActivationFn } from './activations.js';
import { activationName, getActivation } from './activations.js';
import { ConfigReader, failConfig } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

/** Arguments of `layers.activation`. */
export interface ActivationArgs extends LayerArgs {
  activation: string;
}

/**
 * Applies an activation function.
 * @example layers.activation({ activation: 'softmax' })
 */
export class Activation extends Layer {
  static readonly className: string = 'Activation';
  readonly className: string = Activation.className;
  readonly activation: string;
  private readonly fn: ActivationFn;
  /** An Activation from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Activation {
    const r = new ConfigReader(Activation.className, config);
    const activation = r.string('activation');
    if (activation === undefined) failConfig(r.cls, 'activation', activation, 'an activation name (the key is required)');
    return new Activation({ ...r.base(), activation });
  }
  constructor(args: ActivationArgs) {
    super('Activation', args);
    this.supportsMasking = true;
    this.activation = activationName(args.activation);
    this.fn = getActivation(this.activation);
  }
  call(x: Tensor, _ctx: CallContext): Tensor {
    return this.fn(x);
  }
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }
  protected layerConfig(): ConfigDict {
    return { activation: this.activation };
  }
}
