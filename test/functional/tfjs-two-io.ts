import * as tf from '@tensorflow/tfjs';

/**
 * The graph of `twoInTwoOut` (./two-io.ts) built with real TF.js, for the peer and interop
 * tests: same layer names, so saved files and weight lists line up. `dropoutRate` 0 makes
 * training comparable, since TF.js draws different dropout masks.
 * @example const theirs = tfjsTwoInTwoOut(0); theirs.setWeights(...);
 */
export function tfjsTwoInTwoOut(dropoutRate = 0.25): tf.LayersModel {
  const a = tf.input({ shape: [3], name: 'in_a' });
  const b = tf.input({ shape: [2], name: 'in_b' });
  const shared = tf.layers.dense({ units: 4, activation: 'tanh', name: 'shared' });
  const h1 = shared.apply(tf.layers.dense({ units: 3, name: 'pa' }).apply(a)) as tf.SymbolicTensor;
  const h2 = shared.apply(tf.layers.dense({ units: 3, name: 'pb' }).apply(b)) as tf.SymbolicTensor;
  const cat = tf.layers.concatenate({ name: 'cat' }).apply([h1, h2]) as tf.SymbolicTensor;
  const out1 = tf.layers.dense({ units: 1, name: 'out1' }).apply(tf.layers.dropout({ rate: dropoutRate, name: 'drop' }).apply(cat)) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'add' }).apply([h1, h2]) as tf.SymbolicTensor;
  const out2 = tf.layers.dense({ units: 2, activation: 'softmax', name: 'out2' }).apply(sum) as tf.SymbolicTensor;
  return tf.model({ inputs: [a, b], outputs: [out1, out2], name: 'two_io' });
}
