import { findVariable, Tensor } from '../ops/tensor.js';
import type { Variable } from '../ops/tensor.js';
import type { GradientPair, NamedGradients, OptimizerWeight } from './optimizer.js';

/** (name, gradient) entries in the order given: list order, or the object's own key order. */
function entriesOf(owner: string, grads: NamedGradients | readonly OptimizerWeight[]): [string, unknown][] {
  if (Array.isArray(grads)) {
    return grads.map((g: unknown, i) => {
      const entry = g as Partial<OptimizerWeight> | null;
      if (typeof entry?.name !== 'string') throw new Error(`${owner}: grads[${i}] must be { name, tensor }, received ${g === null ? 'null' : typeof g}`);
      return [entry.name, entry.tensor];
    });
  }
  if (typeof grads !== 'object' || grads === null) throw new Error(`${owner}: expected gradients by name, received ${String(grads)}`);
  return Object.keys(grads).map((name) => [name, (grads as NamedGradients)[name]]);
}

/**
 * Pairs each named gradient with its variable: from `varList` (in varList's order) when given,
 * else the live variable of that name (in the order of the gradients). Null or undefined
 * gradients are skipped, as in TF.js.
 */
export function resolveGradients(owner: string, grads: NamedGradients | readonly OptimizerWeight[], varList?: readonly Variable[]): GradientPair[] {
  const entries = entriesOf(owner, grads);
  const given: [string, Tensor][] = [];
  for (const [name, tensor] of entries) {
    if (tensor === null || tensor === undefined) continue;
    if (!(tensor instanceof Tensor)) throw new Error(`${owner}: the gradient '${name}' must be a Tensor, received ${typeof tensor}`);
    if (given.some(([n]) => n === name)) throw new Error(`${owner}: the gradient '${name}' is given twice`);
    given.push([name, tensor]);
  }
  if (varList === undefined) {
    return given.map(([name, gradient]) => {
      const variable = findVariable(name);
      if (!variable) throw new Error(`${owner}: no live variable is named '${name}'; pass varList to name the variables`);
      return { variable, gradient };
    });
  }
  if (!Array.isArray(varList)) throw new Error(`${owner}: varList must be an array of Variables, received ${typeof varList}`);
  for (const [name] of given) {
    if (!varList.some((v) => v.name === name)) {
      throw new Error(`${owner}: the gradient '${name}' matches no variable in varList (${varList.map((v) => `'${v.name}'`).join(', ')})`);
    }
  }
  const pairs: GradientPair[] = [];
  for (const variable of varList) {
    const found = given.find(([n]) => n === variable.name);
    if (found) pairs.push({ variable, gradient: found[1] });
  }
  return pairs;
}
