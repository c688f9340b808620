import { cast, logSoftmax, matMul, mean, mul, neg, oneHot, randomNormal, randomUniformInt, add, sum, exp, truncatedNormal, variableGrads } from '../ops/index.js';
import { variable, zeros } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';
import type { NamedTensor } from './fingerprint.js';
import { canonicalBytes, sha256Hex } from './fingerprint.js';

/** What one run of the engine pipeline produced. */
export interface EnginePipelineResult {
  loss: number;
  /** Every intermediate and gradient, in a fixed order, for fingerprinting. */
  tensors: NamedTensor[];
  /** SHA-256 of the canonical bytes of `tensors`. */
  fingerprint: string;
  bytes: Uint8Array;
}

/**
 * A small end-to-end computation that touches every engine layer: seeded initialisation
 * (Philox, Box–Muller, truncated normal), matMul, softmax, cross-entropy and the backward pass.
 * Same seed, same bytes, in any process and on any engine.
 * @example runEnginePipeline(1234).fingerprint
 */
export function runEnginePipeline(seed = 1234): EnginePipelineResult {
  const batch = 32;
  const features = 16;
  const classes = 10;
  const x = randomNormal([batch, features], 0, 1, 'float32', seed);
  const w = variable(truncatedNormal([features, classes], 0, 0.3, 'float32', seed + 1), true, 'pipeline/w');
  const b = variable(zeros([classes]), true, 'pipeline/b');
  const labels = randomUniformInt([batch], 0, classes, { seed: seed + 2 });
  const y = cast(oneHot(labels, classes), 'float32');
  let logits: Tensor | undefined;
  let logProbs: Tensor | undefined;
  const { value: loss, grads } = variableGrads(() => {
    logits = add(matMul(x, w), b);
    logProbs = logSoftmax(logits);
    return mean(neg(sum(mul(y, logProbs), -1)));
  });
  const tensors: NamedTensor[] = [
    { name: 'x', tensor: x },
    { name: 'w', tensor: w },
    { name: 'b', tensor: b },
    { name: 'labels', tensor: labels },
    { name: 'logits', tensor: logits as Tensor },
    { name: 'softmax', tensor: exp(logProbs as Tensor) },
    { name: 'loss', tensor: loss },
    { name: 'grad/w', tensor: grads['pipeline/w'] as Tensor },
    { name: 'grad/b', tensor: grads['pipeline/b'] as Tensor },
  ];
  const bytes = canonicalBytes(tensors);
  return { loss: loss.values[0] as number, tensors, fingerprint: sha256Hex(bytes), bytes };
}
