import { backprop } from '../autograd/backprop.js';
import type { Tape } from '../autograd/tape.js';
import { record, withoutTape, withTape } from '../autograd/tape.js';
import { onesLike } from './create.js';
import { formatShape, shapesEqual } from '../tensor/shape.js';
import { Tensor, Variable, shareableValues } from './tensor.js';
import { add } from './arithmetic.js';
import type { TensorInput } from './operand.js';
import { operand } from './operand.js';

function seed(y: Tensor, dy: TensorInput | undefined, context: string): Tensor {
  if (!(y instanceof Tensor)) throw new Error(`${context}: the function must return a Tensor`);
  if (dy === undefined) return onesLike(y);
  const $dy = operand(dy, 'dy', context);
  if (!shapesEqual($dy.shape, y.shape)) throw new Error(`${context}: dy has shape ${formatShape($dy.shape)}; expected the shape of f's result ${formatShape(y.shape)}`);
  return $dy;
}

function gradientsOf(tape: Tape, y: Tensor, dy: Tensor, xs: readonly Tensor[], context: string): Tensor[] {
  return backprop(tape, y, dy, xs, add).map((g, i) => {
    if (g === null) throw new Error(`${context}: the result does not depend on argument ${i}; there is no gradient path from it`);
    return g;
  });
}

/**
 * The value of f at xs and the gradients of f with respect to each x (TF.js `valueAndGrads`).
 * `dy` seeds the backward pass (default: ones shaped like f's result).
 * @example valueAndGrads((a, b) => mul(a, b))([2, 3]) // value 6, grads [3, 2]
 */
export function valueAndGrads(f: (...xs: Tensor[]) => Tensor): (xs: readonly TensorInput[], dy?: TensorInput) => { value: Tensor; grads: Tensor[] } {
  return differentiate(f, 'valueAndGrads');
}

/** valueAndGrads, with errors naming the public function the user called (`context`). */
function differentiate(f: (...xs: Tensor[]) => Tensor, context: string): (xs: readonly TensorInput[], dy?: TensorInput) => { value: Tensor; grads: Tensor[] } {
  return (xs, dy) => {
    const inputs = xs.map((x, i) => operand(x, `xs[${i}]`, context));
    const { result: value, tape } = withTape(() => f(...inputs));
    return { value, grads: gradientsOf(tape, value, seed(value, dy, context), inputs, context) };
  };
}

/** Gradients of f with respect to each argument (TF.js `grads`). */
export function grads(f: (...xs: Tensor[]) => Tensor): (xs: readonly TensorInput[], dy?: TensorInput) => Tensor[] {
  const vg = differentiate(f, 'grads');
  return (xs, dy) => vg(xs, dy).grads;
}

/** The value of f at x and its gradient (TF.js `valueAndGrad`). */
export function valueAndGrad(f: (x: Tensor) => Tensor): (x: TensorInput, dy?: TensorInput) => { value: Tensor; grad: Tensor } {
  return singleArgument(f, 'valueAndGrad');
}

function singleArgument(f: (x: Tensor) => Tensor, context: string): (x: TensorInput, dy?: TensorInput) => { value: Tensor; grad: Tensor } {
  const vg = differentiate((x) => f(x as Tensor), context);
  return (x, dy) => {
    const { value, grads: [g] } = vg([x], dy);
    return { value, grad: g as Tensor };
  };
}

/**
 * The gradient function of f (TF.js `grad`).
 * @example grad((x) => square(x))(tensor([3])) // [6]
 */
export function grad(f: (x: Tensor) => Tensor): (x: TensorInput, dy?: TensorInput) => Tensor {
  const vg = singleArgument(f, 'grad');
  return (x, dy) => vg(x, dy).grad;
}

/**
 * The scalar value of f and its gradients with respect to variables, keyed by variable name
 * (TF.js `variableGrads`). Without `varList`, every trainable variable f used, in order of first
 * use.
 * @example const { value, grads } = variableGrads(() => sum(square(w)));
 */
export function variableGrads(f: () => Tensor, varList?: readonly Variable[]): { value: Tensor; grads: Record<string, Tensor> } {
  const { result: value, tape } = withTape(f);
  if (!(value instanceof Tensor) || value.rank !== 0) {
    throw new Error(`variableGrads: f must return a scalar Tensor, received ${value instanceof Tensor ? `shape ${formatShape(value.shape)}` : typeof value}`);
  }
  const vars = varList ? varList.slice() : usedTrainableVariables(tape);
  const names = new Set<string>();
  for (const v of vars) {
    if (names.has(v.name)) throw new Error(`variableGrads: two variables are named '${v.name}'; give variables unique names`);
    names.add(v.name);
  }
  const gs = backprop(tape, value, onesLike(value), vars, add);
  const result: Record<string, Tensor> = {};
  vars.forEach((v, i) => {
    const g = gs[i];
    if (g) result[v.name] = g;
  });
  if (Object.keys(result).length === 0) {
    throw new Error('variableGrads: no variable influences the result of f; there is nothing to differentiate');
  }
  return { value, grads: result };
}

function usedTrainableVariables(tape: Tape): Variable[] {
  const seen = new Set<number>();
  const vars: Variable[] = [];
  for (const node of tape.nodes) {
    for (const input of node.inputs) {
      if (input instanceof Variable && input.trainable && !seen.has(input.id)) {
        seen.add(input.id);
        vars.push(input);
      }
    }
  }
  return vars;
}

/** What a `customGrad` function returns: its value and the function giving input gradients. */
export interface CustomGradientResult {
  value: Tensor;
  gradFunc: (dy: Tensor, saved: Tensor[]) => Tensor | Tensor[];
}

/** The `save` argument a `customGrad` function receives last (TF.js `GradSaveFunc`). */
export type GradSaveFunc = (tensors: Tensor[]) => void;

/**
 * Defines a function with a hand-written gradient (TF.js `customGrad`): f computes the value
 * (its inner ops are not recorded) and may `save` tensors for gradFunc. The tensor parameters
 * are inferred from f's annotated parameters; `save` always comes last.
 * @example const f = customGrad((x: Tensor, save: GradSaveFunc) => { save([x]); return { value: square(x), gradFunc: (dy, [x]) => mul(dy, mul(2, x)) }; });
 */
export function customGrad<A extends Tensor[]>(f: (...args: [...A, GradSaveFunc]) => CustomGradientResult): (...args: { [K in keyof A]: TensorInput }) => Tensor {
  return (...args) => {
    const inputs = (args as readonly TensorInput[]).map((a, i) => operand(a, `args[${i}]`, 'customGrad'));
    let saved: Tensor[] = [];
    const save = (tensors: Tensor[]): void => { saved = tensors; };
    const { value, gradFunc } = withoutTape(() => f(...(inputs as A), save));
    const out = new Tensor(shareableValues(value), value.shape, value.dtype);
    record('customGrad', inputs, out, (dy) => {
      const g = gradFunc(dy, saved);
      const list = Array.isArray(g) ? g : [g];
      if (list.length !== inputs.length) throw new Error(`customGrad: gradFunc returned ${list.length} gradients for ${inputs.length} inputs`);
      return list;
    });
    return out;
  };
}

/** Runs fn and returns its result. A no-op kept for TF.js compatibility: memory is the GC's. */
export function tidy<T>(nameOrFn: string | (() => T), fn?: () => T): T {
  const body = typeof nameOrFn === 'function' ? nameOrFn : fn;
  if (!body) throw new Error('tidy: expected a function');
  return body();
}

/** Does nothing: memory is owned by the garbage collector. Kept for TF.js compatibility. */
export function dispose(_container?: unknown): void {}

/** Returns its argument. Kept for TF.js compatibility. */
export function keep<T>(result: T): T {
  return result;
}
