import type { TensorBase } from '../tensor/tensor.js';

/**
 * How an op maps the gradient of its output to gradients of its inputs: one entry per input,
 * in input order, `null` where the input gets no gradient (indices, masks). `needs[i]` says
 * whether input i leads to a differentiated tensor at all: an op may skip (return null for) the
 * others, as matMul does for the gradient of a network's input.
 */
export type BackwardFn<T extends TensorBase = TensorBase> = (dy: T, needs: readonly boolean[]) => readonly (T | null)[];

/** One recorded op: its inputs, its output and the closure that propagates the gradient. */
export interface TapeNode {
  readonly op: string;
  readonly inputs: readonly TensorBase[];
  readonly output: TensorBase;
  readonly backward: BackwardFn;
}

/** The ops recorded while a gradient function runs, in creation order. */
export class Tape {
  readonly nodes: TapeNode[] = [];
}

// NOTE: the active tape is the only ambient state of the engine. It holds no numbers, only
// which computation is being differentiated, as TF.js's engine does; it is a stack so that
// gradient functions can nest.
const stack: (Tape | null)[] = [];

/** True while a gradient function is recording. */
export function isRecording(): boolean {
  return stack.length > 0 && stack[stack.length - 1] !== null;
}

/**
 * Records an op on the active tapes, if any. Every primitive op calls this with its inputs, its
 * output and its backward closure, in the same few lines as its forward computation.
 */
export function record<T extends TensorBase>(op: string, inputs: readonly T[], output: T, backward: BackwardFn<T>): void {
  // NOTE: every enclosing gradient function records the op, down to the nearest `withoutTape`:
  // a value computed inside a nested `grad` is still a function of the outer inputs, and
  // recording it only on the innermost tape would silently drop its share of the outer gradient.
  for (let i = stack.length - 1; i >= 0; i--) {
    const tape = stack[i];
    if (!tape) return;
    tape.nodes.push({ op, inputs, output, backward: backward as unknown as BackwardFn });
  }
}

/** Runs `fn` with a fresh tape active and returns its result and the tape. */
export function withTape<T>(fn: () => T): { result: T; tape: Tape } {
  const tape = new Tape();
  stack.push(tape);
  try {
    return { result: fn(), tape };
  } finally {
    stack.pop();
  }
}

/** Runs `fn` with recording paused: what it computes is a constant to any enclosing gradient. */
export function withoutTape<T>(fn: () => T): T {
  stack.push(null);
  try {
    return fn();
  } finally {
    stack.pop();
  }
}
