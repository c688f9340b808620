import type { ConfigDict } from '../initializers/initializer.js';
import { adagradUpdate } from '../kernels/index.js';
import type { OptimizerOptions, Step } from './optimizer.js';
import { Optimizer } from './optimizer.js';
import { numberOption } from './options.js';

/** Adagrad options (Keras `Adagrad` arguments). */
export interface AdagradOptions extends OptimizerOptions {
  initialAccumulatorValue?: number | null | undefined;
  initial_accumulator_value?: number | null | undefined;
  epsilon?: number | null | undefined;
}

/**
 * Adagrad (Duchi et al., 2011) with Keras 3 numerics and defaults: lr 0.001, initial
 * accumulator 0.1, ε 1e-7 (settable, unlike TF.js).
 *
 * Reference order (Keras `adagrad.py`; `f` = Math.fround), ε rounded to float32, per element:
 * acc ← f(acc + f(g·g)); w ← f(w − f(f(lr·g) / f(√f(acc + ε)))).
 *
 * Slot: `<var>/accumulator`, created filled with f(initialAccumulatorValue).
 * @example const opt = new Adagrad({ learningRate: 0.01 });
 */
export class Adagrad extends Optimizer {
  static override readonly className: string = 'Adagrad';
  static override readonly optionNames: readonly string[] = ['initialAccumulatorValue', 'initial_accumulator_value', 'epsilon'];

  /** Starting value of every accumulator element. */
  readonly initialAccumulatorValue: number;
  /** Added under the square root. */
  readonly epsilon: number;

  constructor(options: AdagradOptions = {}) {
    super(options);
    const owner = this.className;
    this.initialAccumulatorValue = numberOption(owner, options, ['initialAccumulatorValue', 'initial_accumulator_value'], 0.1, 'nonNegative');
    this.epsilon = numberOption(owner, options, ['epsilon'], 1e-7, 'nonNegative');
  }

  protected override slotNames(): readonly string[] {
    return ['accumulator'];
  }

  protected override slotInitialValue(): number {
    return this.initialAccumulatorValue;
  }

  protected override update(w: Float32Array, g: Float32Array, slots: readonly Float32Array[], step: Step): void {
    adagradUpdate(w, g, slots[0] as Float32Array, step.learningRate, Math.fround(this.epsilon));
  }

  protected override ownConfig(): ConfigDict {
    return { initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
