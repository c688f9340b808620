import type { ConfigDict } from '../initializers/initializer.js';
import { add, matMul } from '../ops/index.js';
import { simpleTanhCell } from '../ops/recurrent-cell.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { ConfigReader } from './config-reader.js';
import type { LayerClass } from './layer.js';
import type { RNNBaseArgs, RNNStates } from './rnn-base.js';
import { RNNBase, readRNNArgs } from './rnn-base.js';

/** Arguments of `layers.simpleRNN`. */
export type SimpleRNNArgs = RNNBaseArgs;

/**
 * A fully connected recurrent layer (Keras `SimpleRNN`): h_t = activation(x_t·W + b + h_{t−1}·U).
 * Weights `kernel` [features, units], `recurrent_kernel` [units, units], `bias` [units].
 * @example layers.simpleRNN({ units: 8, inputShape: [20, 3] })
 */
export class SimpleRNN extends RNNBase {
  static readonly className: string = 'SimpleRNN';
  readonly className: string = SimpleRNN.className;
  protected readonly stateCount: number = 1;
  protected readonly gateCount: number = 1;

  /**
   * A SimpleRNN from its config as a model file spells it (TF.js, Keras 2 or Keras 3).
   * @example SimpleRNN.fromConfig(SimpleRNN, { units: 4, return_sequences: true })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): SimpleRNN {
    return new SimpleRNN(readRNNArgs(new ConfigReader(SimpleRNN.className, config)));
  }

  constructor(args: SimpleRNNArgs) {
    super('SimpleRNN', args);
  }

  /** Whether a step runs as the fused op `simpleTanhCell` (tanh): the composition's bits. */
  protected fused(): boolean {
    return this.activation === 'tanh';
  }

  protected step(z: Tensor, _states: RNNStates, hr: Tensor): RNNStates {
    const hu = matMul(hr, this.recurrentKernel as Variable);
    return [this.fused() ? simpleTanhCell(z, hu) : this.activationFn(add(z, hu))];
  }

  protected layerConfig(): ConfigDict {
    return this.rnnConfig({}, {});
  }
}
