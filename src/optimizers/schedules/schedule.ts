import type { ConfigDict } from '../../initializers/initializer.js';
import { checkNumber, checkOptionNames } from '../options.js';
import type { Rule } from '../options.js';

/** A schedule's config in the Keras 3 form: `{class_name: 'ExponentialDecay', config: {...}}`. */
export interface ScheduleConfig {
  [key: string]: ConfigDict | string;
  class_name: string;
  config: ConfigDict;
}

/**
 * A learning rate as a function of the optimizer's iteration count (Keras 3
 * `LearningRateSchedule`): an optimizer given one asks it for the rate before every update,
 * with the number of updates already applied (0 for the first), as Keras passes
 * `optimizer.iterations`. Values are float32, computed in the order each subclass documents
 * with SameBits' own elementary functions, so every engine gives the same bits.
 * @example new Adam({ learningRate: schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5 }) })
 */
export abstract class LearningRateSchedule {
  /** The Keras class name, e.g. `ExponentialDecay`. */
  static readonly className: string = 'LearningRateSchedule';
  /** Keras's `name` argument (a name scope there; kept for the config). */
  readonly name: string;

  protected constructor(name: string) {
    this.name = name;
  }

  /** The class name used in configs. */
  get className(): string {
    return (this.constructor as typeof LearningRateSchedule).className;
  }

  /**
   * The learning rate (a float32 value) for the update that follows `step` earlier updates.
   * @example exponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 0.5 }).valueAt(2) // 0.25
   */
  abstract valueAt(step: number): number;

  /** The config entries in Keras snake_case (`getConfig` wraps them with the class name). */
  protected abstract ownConfig(): ConfigDict;

  /**
   * The Keras 3 serialization: `{class_name, config}` with snake_case keys.
   * @example schedule.getConfig() // { class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, ... } }
   */
  getConfig(): ScheduleConfig {
    return { class_name: this.className, config: { ...this.ownConfig(), name: this.name } };
  }
}

/**
 * A schedule's step, checked: optimizers pass their iteration count, an integer >= 0.
 * @example checkStep('CosineDecay', 3) // 3
 */
export function checkStep(owner: string, step: number): number {
  if (!Number.isSafeInteger(step) || step < 0) throw new Error(`${owner}.valueAt: step must be an integer >= 0 (the optimizer's iteration count), received ${String(step)}`);
  return step;
}

/**
 * Reads schedule options given in TF.js camelCase or Keras snake_case (a config read back from a
 * file comes camelCased by `fromPythonic`, one written by Keras in snake_case).
 * @example new ScheduleOptions('ExponentialDecay', { decay_steps: 10 }, ['decaySteps']).number('decaySteps', 'positive') // 10
 */
export class ScheduleOptions {
  constructor(readonly owner: string, readonly options: object, names: readonly string[]) {
    checkOptionNames(owner, options, [...names.flatMap((n) => [n, snake(n)]), 'name']);
  }

  /** The option under either spelling, or undefined when absent or null. */
  raw(name: string): unknown {
    const o = this.options as Record<string, unknown>;
    const a = o[name];
    const b = name === snake(name) ? undefined : o[snake(name)];
    if (a !== undefined && a !== null && b !== undefined && b !== null) throw new Error(`${this.owner}: option given twice, as ${name} and as ${snake(name)}`);
    return a ?? b ?? undefined;
  }

  number(name: string, rule: Rule, fallback?: number): number {
    const v = this.raw(name);
    if (v === undefined) {
      if (fallback === undefined) throw new Error(`${this.owner}: ${name} is required (${RULE_HINT[rule]}), received undefined`);
      return fallback;
    }
    return checkNumber(this.owner, name, v, rule);
  }

  name(fallback: string): string {
    const v = (this.options as Record<string, unknown>)['name'];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string') throw new Error(`${this.owner}: name must be a string, received ${String(v)}`);
    return v;
  }
}

const RULE_HINT: Record<Rule, string> = { nonNegative: 'a finite number >= 0', positive: 'a finite number > 0', unitOpen: 'a number in [0, 1)', unit: 'a number in [0, 1]' };

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
