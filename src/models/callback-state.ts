import type { Tensor } from '../ops/tensor.js';
import { received } from '../util/received.js';

/** A value in a callback's saved state: JSON, with numbers kept exactly (NaN, ±Infinity and −0 included). */
export type StateValue = number | boolean | string | null | readonly StateValue[];

/** What a callback saves into a checkpoint: plain values and, for weights it holds, tensors. */
export interface CallbackState {
  values: Record<string, StateValue>;
  tensors: Tensor[];
}

/** One callback's state as a fit snapshot holds it, tagged with the callback's kind. */
export interface SavedCallbackState extends CallbackState {
  /** The kind of callback (`EarlyStopping`), so a resume refuses another callback's state. */
  kind: string;
}

/**
 * What a callback implements when its behaviour depends on what it saw earlier in the fit
 * (EarlyStopping's wait and best, ReduceLROnPlateau's cooldown): a checkpoint holds that state,
 * and a resumed fit hands it back right after `onTrainBegin` (which resets it, as in Keras),
 * so that the resumed run makes the decisions the uninterrupted one made.
 */
export interface StatefulCallback {
  /** The kind of state, e.g. `'EarlyStopping'`. */
  readonly stateKind: string;
  saveState(): CallbackState;
  restoreState(state: CallbackState): void;
}

/**
 * True when `cb` implements `StatefulCallback`.
 * @example isStateful(callbacks.earlyStopping()) // true
 */
export function isStateful<T>(cb: T): cb is T & StatefulCallback {
  const c = cb as Partial<StatefulCallback> | null;
  return typeof c?.stateKind === 'string' && typeof c.saveState === 'function' && typeof c.restoreState === 'function';
}

/**
 * Reads a saved state's values back, checking each type: the error names the callback, the
 * field and what it held (a checkpoint is checked as strictly as any file).
 * @example new StateReader('earlyStopping', state).int('wait') // 2
 */
export class StateReader {
  constructor(readonly owner: string, readonly state: CallbackState) {}

  private value(key: string): StateValue | undefined {
    return Object.hasOwn(this.state.values, key) ? this.state.values[key] : undefined;
  }

  private fail(key: string, expected: string): never {
    throw new Error(`${this.owner}: the saved state's ${key} must be ${expected}, received ${received(this.value(key))}`);
  }

  int(key: string, min = 0): number {
    const v = this.value(key);
    return Number.isSafeInteger(v) && (v as number) >= min ? (v as number) : this.fail(key, `an integer >= ${min}`);
  }

  number(key: string): number {
    const v = this.value(key);
    return typeof v === 'number' ? v : this.fail(key, 'a number');
  }

  numberOrNull(key: string): number | null {
    const v = this.value(key);
    return v === null ? null : typeof v === 'number' ? v : this.fail(key, 'a number or null');
  }

  boolean(key: string): boolean {
    const v = this.value(key);
    return typeof v === 'boolean' ? v : this.fail(key, 'true or false');
  }

  strings(key: string): string[] | null {
    const v = this.value(key);
    if (v === null) return null;
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]).slice() : this.fail(key, 'an array of strings or null');
  }
}
