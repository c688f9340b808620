import { add, div, abs, elu, gelu, leakyRelu, logSoftmax, mul, relu, relu6, selu, sigmoid, softmax, softplus, tanh, exp } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { lookupOwn } from '../util/own.js';
import { unknownId } from '../util/suggest.js';

/** An activation function: elementwise (or, for softmax, over the last axis). */
export type ActivationFn = (x: Tensor) => Tensor;

/** Activation ids with TF.js names; Keras snake_case aliases resolve to these. */
export type ActivationIdentifier =
  | 'linear' | 'relu' | 'relu6' | 'sigmoid' | 'hardSigmoid' | 'tanh' | 'softmax' | 'logSoftmax' | 'elu' | 'selu'
  | 'softplus' | 'softsign' | 'swish' | 'gelu' | 'leakyRelu' | 'exponential' | 'mish';

const ACTIVATIONS: Record<ActivationIdentifier, ActivationFn> = {
  linear: (x) => x,
  relu,
  relu6,
  sigmoid,
  // Keras 3 hard_sigmoid: relu6(x + 3) / 6.
  hardSigmoid: (x) => div(relu6(add(x, 3)), 6),
  tanh,
  softmax: (x) => softmax(x, -1),
  logSoftmax: (x) => logSoftmax(x, -1),
  elu: (x) => elu(x),
  selu,
  softplus,
  softsign: (x) => div(x, add(abs(x), 1)),
  swish: (x) => mul(x, sigmoid(x)),
  gelu: (x) => gelu(x),
  leakyRelu: (x) => leakyRelu(x, 0.2),
  exponential: exp,
  mish: (x) => mul(x, tanh(softplus(x))),
};

const ALIASES: Record<string, ActivationIdentifier> = {
  hard_sigmoid: 'hardSigmoid', log_softmax: 'logSoftmax', silu: 'swish', leaky_relu: 'leakyRelu', None: 'linear',
};

/** Resolves an activation id (TF.js camelCase or Keras snake_case) to its canonical TF.js name. */
export function activationName(id: string | null | undefined): ActivationIdentifier {
  if (id === undefined || id === null) return 'linear';
  if (lookupOwn(ACTIVATIONS, id) !== undefined) return id as ActivationIdentifier;
  const alias = lookupOwn(ALIASES, id);
  if (alias !== undefined) return alias;
  throw new Error(unknownId('activation', id, [...Object.keys(ACTIVATIONS), ...Object.keys(ALIASES)]));
}

/**
 * The activation function for an id.
 * @example getActivation('relu')(tensor([-1, 2])) // [0, 2]
 */
export function getActivation(id: string | null | undefined): ActivationFn {
  return ACTIVATIONS[activationName(id)];
}

