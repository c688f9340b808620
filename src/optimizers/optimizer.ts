import type { ConfigDict } from '../initializers/initializer.js';
import { variableGrads } from '../ops/index.js';
import { scalar } from '../ops/create.js';
import { Tensor, Variable } from '../ops/tensor.js';
import { allocFloat32, decayWeights } from '../kernels/index.js';
import type { ClipSettings } from './clip.js';
import { clipGradients } from './clip.js';
import { checkNumber, checkOptionNames, numberOption, optionalNumberOption } from './options.js';
import { resolveGradients } from './resolve.js';
import { readSlots, slotWeights } from './slots.js';
import type { SlotRecord } from './slots.js';
import { stepObserver } from './step-observer.js';
import { LearningRateSchedule, scheduleFromConfig } from './schedules/index.js';

/** Gradients keyed by variable name, as `variableGrads` returns them. */
export type NamedGradients = Record<string, Tensor>;

/** A named tensor in an optimizer's saved state (TF.js `NamedTensor`). */
export interface OptimizerWeight {
  name: string;
  tensor: Tensor;
}

/** A variable and the gradient to apply to it. */
export interface GradientPair {
  variable: Variable;
  gradient: Tensor;
}

/**
 * Gradient clipping applied before the update, as in Keras (`clipnorm`, `clipvalue`,
 * `global_clipnorm`); at most one may be set. Keras snake_case spellings are accepted too.
 */
export interface ClipOptions {
  /** Rescale each gradient tensor so its L2 norm is at most this. */
  clipNorm?: number | null | undefined;
  clipnorm?: number | null | undefined;
  /** Clamp each gradient element into [−clipValue, clipValue]. */
  clipValue?: number | null | undefined;
  clipvalue?: number | null | undefined;
  /** Rescale all gradients together so their joint L2 norm is at most this. */
  globalClipNorm?: number | null | undefined;
  global_clipnorm?: number | null | undefined;
}

/** Options every optimizer accepts (Keras `BaseOptimizer` arguments, TF.js camelCase names). */
export interface OptimizerOptions extends ClipOptions {
  /** A number, or a schedule evaluated at every step (a `{class_name, config}` from a config too). */
  learningRate?: number | LearningRateSchedule | null | undefined;
  learning_rate?: number | LearningRateSchedule | null | undefined;
  /** Decoupled weight decay: w ← w − w·weightDecay·lr before each update (Keras). */
  weightDecay?: number | null | undefined;
  weight_decay?: number | null | undefined;
}

/** What an update step needs besides the arrays: all numbers already float32. */
export interface Step {
  /** The step number t = iterations + 1, as float32 (Keras casts it to the variable dtype). */
  t: number;
  /** The iteration count before this step (0 for the first). */
  iteration: number;
  /** The learning rate of this step, float32 (a schedule's value at `iteration`). */
  learningRate: number;
}

const COMMON_OPTIONS = [
  'learningRate', 'learning_rate', 'weightDecay', 'weight_decay', 'clipNorm', 'clipnorm',
  'clipValue', 'clipvalue', 'globalClipNorm', 'global_clipnorm',
];

/**
 * Base class of optimizers: TF.js methods (`applyGradients`, `minimize`, `getWeights`,
 * `setWeights`, `getConfig`) around Keras 3 numerics. One step (`apply`) is, as in Keras:
 * clip the gradients, then for each variable in the order given, decay its weights (if
 * `weightDecay` is set) and run the subclass's update loop, then `iterations++`. Decaying each
 * variable just before its own update gives the same bits as Keras's separate decay pass,
 * since variables do not interact. Every arithmetic result is rounded to float32 at the
 * points each subclass documents (DESIGN.md law 2).
 *
 * Optimizer state is a list of slots per variable, keyed by variable name and created as
 * `slotInitialValue()` on the variable's first update; `getWeights` lists `iter` then the
 * slots in the TF.js layout.
 */
export abstract class Optimizer {
  /** The class name used in configs (`Adam`, `SGD`, ...). */
  static readonly className: string = 'Optimizer';
  /** Option names the constructor reads besides the common ones. */
  static readonly optionNames: readonly string[] = [];
  /** Learning rate when none is given (Keras 3 default). */
  static readonly defaultLearningRate: number = 0.001;
  /** Weight decay when none is given (null: none). */
  static readonly defaultWeightDecay: number | null = null;

  /** Decoupled weight decay, or null for none. */
  readonly weightDecay: number | null;
  /** Per-tensor L2 clipping threshold, or null. */
  readonly clipNorm: number | null;
  /** Elementwise clipping threshold, or null. */
  readonly clipValue: number | null;
  /** Global L2 clipping threshold, or null. */
  readonly globalClipNorm: number | null;

  #learningRate: number;
  #schedule: LearningRateSchedule | null = null;
  #iterations = 0;
  #slots: SlotRecord[] = [];

  protected constructor(options: OptimizerOptions) {
    const cls = new.target;
    const owner = cls.className;
    checkOptionNames(owner, options, [...COMMON_OPTIONS, ...cls.optionNames]);
    const o = options as Record<string, unknown>;
    const given = o['learningRate'] ?? o['learning_rate'];
    if (typeof given === 'object' && given !== null) {
      if (o['learningRate'] != null && o['learning_rate'] != null) throw new Error(`${owner}: option given twice, as learningRate and as learning_rate`);
      this.#schedule = scheduleFromConfig(given, `${owner}: learningRate`);
      this.#learningRate = NaN; // never read while a schedule is set
    } else {
      this.#learningRate = numberOption(owner, options, ['learningRate', 'learning_rate'], cls.defaultLearningRate, 'nonNegative');
    }
    const decay = optionalNumberOption(owner, options, ['weightDecay', 'weight_decay'], 'nonNegative');
    this.weightDecay = decay ?? cls.defaultWeightDecay;
    this.clipNorm = optionalNumberOption(owner, options, ['clipNorm', 'clipnorm'], 'positive');
    this.clipValue = optionalNumberOption(owner, options, ['clipValue', 'clipvalue'], 'positive');
    this.globalClipNorm = optionalNumberOption(owner, options, ['globalClipNorm', 'global_clipnorm'], 'positive');
    const set = [this.clipNorm, this.clipValue, this.globalClipNorm].filter((c) => c !== null).length;
    if (set > 1) {
      throw new Error(`${owner}: only one of clipNorm, clipValue and globalClipNorm can be set, received clipNorm=${this.clipNorm}, clipValue=${this.clipValue}, globalClipNorm=${this.globalClipNorm}`);
    }
  }

  /** The class name used in configs, e.g. `Adam`. */
  get className(): string {
    return (this.constructor as typeof Optimizer).className;
  }

  /** TF.js `getClassName()`. */
  getClassName(): string {
    return this.className;
  }

  /**
   * The learning rate as given (used as float32 in the update); with a schedule, the schedule's
   * value for the next step (Keras `optimizer.learning_rate`).
   */
  get learningRate(): number {
    return this.#schedule ? this.#schedule.valueAt(this.#iterations) : this.#learningRate;
  }

  /** Sets a number learning rate; refused when the optimizer was created with a schedule (as in Keras). */
  set learningRate(value: number) {
    if (this.#schedule) {
      throw new Error(`${this.className}: the learning rate follows a ${this.#schedule.className} schedule, so it cannot be set (received ${String(value)}); create the optimizer with a number learning rate to set it (callbacks such as reduceLROnPlateau and learningRateScheduler set it)`);
    }
    this.#learningRate = checkNumber(this.className, 'learningRate', value, 'nonNegative');
  }

  /** The learning-rate schedule the optimizer was created with, or null for a number. */
  get learningRateSchedule(): LearningRateSchedule | null {
    return this.#schedule;
  }

  /** Sets the learning rate (TF.js `setLearningRate`); schedules and callbacks use it. */
  setLearningRate(value: number): void {
    this.learningRate = value;
  }

  /** Number of updates applied so far (Keras `iterations`, saved as `iter`). */
  get iterations(): number {
    return this.#iterations;
  }

  /** Suffixes of the per-variable slots in `getWeights` order, e.g. `['m', 'v']`. */
  protected abstract slotNames(): readonly string[];

  /** Initial value of every slot element (Adagrad overrides it). */
  protected slotInitialValue(): number {
    return 0;
  }

  /** Slot suffixes `setWeights` accepts and discards (TF.js state this optimizer does not keep). */
  protected ignoredSlotNames(): readonly string[] {
    return [];
  }

  /** One update of `w` (the variable's own storage, already decayed) and its slots, in place. */
  protected abstract update(w: Float32Array, g: Float32Array, slots: readonly Float32Array[], step: Step): void;

  /** The class's own config entries in TF.js camelCase (`getConfig` adds the common ones). */
  protected abstract ownConfig(): ConfigDict;

  /**
   * Applies one step to `pairs`, in the order given; the core that `fit` calls. Every pair is
   * checked before any variable changes. An empty list does nothing (as in Keras).
   * @example opt.apply([{ variable: w, gradient: g }]);
   */
  apply(pairs: readonly GradientPair[]): void {
    if (!Array.isArray(pairs)) throw new Error(`${this.className}.apply: expected an array of { variable, gradient }, received ${typeof pairs}`);
    if (pairs.length === 0) return;
    this.checkPairs(pairs);
    const grads = clipGradients(pairs.map((p) => p.gradient.values as Float32Array), this.clipSettings());
    const step: Step = { t: Math.fround(this.#iterations + 1), iteration: this.#iterations, learningRate: this.#schedule ? this.#schedule.valueAt(this.#iterations) : Math.fround(this.#learningRate) };
    pairs.forEach(({ variable }, i) => {
      // In place: no tensor shares a variable's storage (see shareableValues).
      const w = variable.values as Float32Array;
      if (this.weightDecay !== null) decayWeights(w, Math.fround(this.weightDecay), step.learningRate);
      this.update(w, grads[i] as Float32Array, this.slotsOf(variable), step);
    });
    // Keras: constraints after the update, in the order of the pairs.
    for (const { variable } of pairs) if (variable.constraint) variable.assign(variable.constraint(variable));
    this.#iterations++;
  }

  /**
   * TF.js `applyGradients`: gradients by variable name (an object, as `variableGrads` returns,
   * or a `{name, tensor}` list). Names resolve through `varList` when given, else to the live
   * variable of that name (`findVariable`). Order of the updates: the order of `varList` when
   * given; else the list's order, or the object's key order (JavaScript puts integer-like keys
   * such as '0' first, ascending, then the rest in insertion order). Null gradients are skipped.
   * @example opt.applyGradients(variableGrads(() => loss()).grads);
   */
  applyGradients(grads: NamedGradients | readonly OptimizerWeight[], varList?: readonly Variable[]): void {
    this.observedApply(resolveGradients(`${this.className}.applyGradients`, grads, varList), undefined);
  }

  /**
   * TF.js `minimize`: differentiates `f` (a scalar) with respect to `varList` (default: the
   * trainable variables f uses, in order of first use) and applies one step.
   * @example opt.minimize(() => sum(square(sub(w, 3))));
   */
  minimize(f: () => Tensor, returnCost = false, varList?: Variable[]): Tensor | null {
    const { value, grads } = variableGrads(f, varList);
    this.observedApply(resolveGradients(`${this.className}.minimize`, grads, varList), value);
    return returnCost ? value : null;
  }

  /**
   * The state in the TF.js layout: `iter` (int32 scalar), then, for each slot suffix in turn,
   * that slot of every variable in order of first update (Adam: all `<var>/m`, then all `<var>/v`).
   */
  getWeights(): OptimizerWeight[] {
    return [{ name: 'iter', tensor: scalar(this.#iterations, 'int32') }, ...slotWeights(this.#slots, this.slotNames())];
  }

  /**
   * Restores `getWeights` output (or a TF.js checkpoint of the same optimizer): `iter` first,
   * then slots named `<variable name>/<suffix>`, matched by name. Replaces all state, so that
   * training resumes with the same bits.
   */
  setWeights(weights: readonly OptimizerWeight[]): void {
    const owner = `${this.className}.setWeights`;
    if (!Array.isArray(weights)) throw new Error(`${owner}: expected an array of { name, tensor }, received ${typeof weights}`);
    const first = weights[0] as OptimizerWeight | undefined;
    if (!first || first.name !== 'iter' || !(first.tensor instanceof Tensor)) {
      throw new Error(`${owner}: the first weight must be 'iter' (the iteration count), received ${first ? `'${String(first.name)}'` : 'an empty list'}`);
    }
    const iter = first.tensor.size === 1 ? (first.tensor.values[0] as number) : NaN;
    if (!Number.isSafeInteger(iter) || iter < 0) throw new Error(`${owner}: 'iter' must hold one integer >= 0, received ${first.tensor.toString()}`);
    this.#slots = readSlots(owner, weights.slice(1), this.slotNames(), this.ignoredSlotNames());
    this.#iterations = iter;
  }

  /** Plain-JSON config in TF.js camelCase, e.g. Adam `{learningRate, beta1, beta2, epsilon}`. */
  getConfig(): ConfigDict {
    // A schedule is written in the Keras 3 form, {class_name, config}, as Keras nests it.
    const config: ConfigDict = { learningRate: this.#schedule ? this.#schedule.getConfig() : this.#learningRate, ...this.ownConfig() };
    if (this.weightDecay !== null && !('weightDecay' in config)) config.weightDecay = this.weightDecay;
    if (this.clipNorm !== null) config.clipNorm = this.clipNorm;
    if (this.clipValue !== null) config.clipValue = this.clipValue;
    if (this.globalClipNorm !== null) config.globalClipNorm = this.globalClipNorm;
    return config;
  }

  /** No-op kept for TF.js compatibility: memory is owned by the garbage collector. */
  dispose(): void {}

  /** `apply`, with the installed step observer (see step-observer.ts) told before and after. */
  private observedApply(pairs: readonly GradientPair[], loss: Tensor | undefined): void {
    const observer = stepObserver();
    if (observer === undefined || pairs.length === 0) {
      this.apply(pairs);
      return;
    }
    const step = loss === undefined ? { optimizer: this, pairs } : { optimizer: this, pairs, loss };
    observer.beforeStep(step);
    this.apply(pairs);
    observer.afterStep(step);
  }

  private clipSettings(): ClipSettings {
    return { clipNorm: this.clipNorm, clipValue: this.clipValue, globalClipNorm: this.globalClipNorm };
  }

  private checkPairs(pairs: readonly GradientPair[]): void {
    const owner = `${this.className}.apply`;
    const names = new Set<string>();
    pairs.forEach((pair, i) => {
      const variable: unknown = pair?.variable;
      const gradient: unknown = pair?.gradient;
      if (!(variable instanceof Variable)) throw new Error(`${owner}: pairs[${i}].variable must be a Variable, received ${typeof variable}`);
      const name = variable.name;
      if (!(gradient instanceof Tensor)) throw new Error(`${owner}: the gradient of '${name}' must be a Tensor, received ${typeof gradient}`);
      if (variable.dtype !== 'float32') throw new Error(`${owner}: variable '${name}' has dtype ${variable.dtype}; optimizers update float32 variables`);
      if (gradient.dtype !== 'float32') throw new Error(`${owner}: the gradient of '${name}' has dtype ${gradient.dtype}, expected float32`);
      if (!sameShape(variable.shape, gradient.shape)) {
        throw new Error(`${owner}: the gradient of '${name}' has shape [${gradient.shape.join(',')}], expected the variable's shape [${variable.shape.join(',')}]`);
      }
      if (names.has(name)) throw new Error(`${owner}: variable '${name}' appears twice; optimizer state is keyed by name, so names must be unique`);
      names.add(name);
      const record = this.#slots.find((r) => r.variableName === name);
      if (record && !sameShape(record.shape, variable.shape)) {
        throw new Error(`${owner}: the slots of '${name}' have shape [${record.shape.join(',')}] but the variable has shape [${variable.shape.join(',')}]`);
      }
    });
  }

  /** The slots of `variable`, created on its first update. */
  private slotsOf(variable: Variable): readonly Float32Array[] {
    let record = this.#slots.find((r) => r.variableName === variable.name);
    if (!record) {
      const init = Math.fround(this.slotInitialValue());
      const slots = this.slotNames().map(() => allocFloat32(variable.size).fill(init));
      record = { variableName: variable.name, shape: variable.shape.slice(), slots };
      this.#slots.push(record);
    }
    return record.slots;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
