import type { TensorBase } from '../tensor/tensor.js';
import type { Tape } from './tape.js';
import { withoutTape } from './tape.js';

/**
 * Reverse-mode pass over `tape`: the gradient of `y` (seeded with `dy`) with respect to each
 * of `xs`, or `null` for an x that `y` does not depend on.
 *
 * Order of arithmetic (DESIGN.md law 2): nodes are visited in reverse order of creation; where a
 * tensor feeds several consumers, its gradient is the sum of their contributions added in that
 * visiting order (and, within one node, in input order). Tensors are keyed by their numeric id,
 * never by iteration over a set.
 */
export function backprop<T extends TensorBase>(tape: Tape, y: T, dy: T, xs: readonly T[], add: (a: T, b: T) => T): (T | null)[] {
  return withoutTape(() => {
    // Forward sweep: which tensors depend on some x, so no gradient is computed for the rest.
    const dependsOnX = new Set<number>(xs.map((x) => x.id));
    const relevant = tape.nodes.map((node) => {
      const hit = node.inputs.some((input) => dependsOnX.has(input.id));
      if (hit) dependsOnX.add(node.output.id);
      return hit;
    });
    const grads = new Map<number, T>([[y.id, dy]]);
    for (let n = tape.nodes.length - 1; n >= 0; n--) {
      const node = tape.nodes[n];
      if (!node || !relevant[n]) continue;
      const g = grads.get(node.output.id);
      if (g === undefined) continue;
      const needs = node.inputs.map((input) => dependsOnX.has(input.id));
      const inputGrads = node.backward(g, needs);
      node.inputs.forEach((input, i) => {
        // NOTE: every op records tensors of one class (the public Tensor), so its gradients are T.
        const gi = inputGrads[i] as T | null | undefined;
        if (!gi || !dependsOnX.has(input.id)) return;
        const previous = grads.get(input.id);
        grads.set(input.id, previous === undefined ? gi : add(previous, gi));
      });
    }
    return xs.map((x) => grads.get(x.id) ?? null);
  });
}
