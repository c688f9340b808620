import type { ActivationFn } from './activations.js';
import { activationName, getActivation } from './activations.js';
import type { ConfigReader } from './config-reader.js';
import { put } from './config-reader.js';
import type { RNNBaseArgs } from './rnn-base.js';
import { RNNBase, readRNNArgs } from './rnn-base.js';

/** Arguments the gated recurrent layers (GRU, LSTM) add to every RNN's. */
export interface GatedRNNArgs extends RNNBaseArgs {
  /** Activation of the gates (default 'sigmoid' as Keras 3; TF.js: 'hardSigmoid'). */
  recurrentActivation?: string;
}

/**
 * Reads a gated RNN's file config: every RNN's keys plus `recurrent_activation`.
 * @example readGatedRNNArgs(new ConfigReader('LSTM', { units: 4, recurrent_activation: 'sigmoid' }))
 */
export function readGatedRNNArgs(r: ConfigReader): GatedRNNArgs {
  const args: GatedRNNArgs = readRNNArgs(r);
  return put(args, 'recurrentActivation', r.string('recurrent_activation'));
}

/**
 * What GRU and LSTM share: the gates' activation, and the rule for when a step runs as the
 * layer's fused cell op (sigmoid gates with tanh: the composition's bits, several times faster;
 * other activations compose the ops).
 * @example class GRU extends GatedRNN { ... }
 */
export abstract class GatedRNN extends RNNBase {
  readonly recurrentActivation: string;
  protected readonly gateFn: ActivationFn;

  constructor(className: string, args: GatedRNNArgs) {
    super(className, args);
    this.recurrentActivation = activationName(args.recurrentActivation ?? 'sigmoid');
    this.gateFn = getActivation(this.recurrentActivation);
  }

  /** Whether a step runs as the fused op (sigmoid gates, tanh): LSTM's `lstmCell`, GRU's `gruCell` (resetAfter) or `gruReset`. */
  protected fused(): boolean {
    return this.recurrentActivation === 'sigmoid' && this.activation === 'tanh';
  }
}
