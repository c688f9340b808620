// The six elementwise merge layers share this file: each is its Keras class name and one fold
// over its inputs (the rest is Merge), so one file per layer would be six copies of the frame.
import type { ConfigDict } from '../initializers/initializer.js';
import { add, div, maximum, minimum, mul, sub } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader } from './config-reader.js';
import type { LayerArgs, LayerClass } from './layer.js';
import { Merge } from './merge.js';

/** A left fold: ((x₀ ∘ x₁) ∘ x₂) ∘ …, the one order of arithmetic of every elementwise merge. */
function fold(inputs: Tensor[], op: (a: Tensor, b: Tensor) => Tensor): Tensor {
  return inputs.slice(1).reduce(op, inputs[0] as Tensor);
}

function baseArgs(cls: string, config: ConfigDict): LayerArgs {
  return new ConfigReader(cls, config).base();
}

/**
 * Sums its inputs: ((x₀ + x₁) + x₂) + ….
 * @example layers.add().apply([a, b])
 */
export class Add extends Merge {
  static readonly className: string = 'Add';
  readonly className: string = Add.className;
  /** An Add from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Add {
    return new Add(baseArgs(Add.className, config));
  }
  constructor(args: LayerArgs = {}) {
    super('Add', args);
  }
  protected mergeFunction(inputs: Tensor[]): Tensor {
    return fold(inputs, add);
  }
}

/**
 * Subtracts its second input from its first (exactly two inputs).
 * @example layers.subtract().apply([a, b])
 */
export class Subtract extends Merge {
  static readonly className: string = 'Subtract';
  readonly className: string = Subtract.className;
  protected override readonly maxInputs: number = 2;
  /** A Subtract from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Subtract {
    return new Subtract(baseArgs(Subtract.className, config));
  }
  constructor(args: LayerArgs = {}) {
    super('Subtract', args);
  }
  protected mergeFunction(inputs: Tensor[]): Tensor {
    return sub(inputs[0] as Tensor, inputs[1] as Tensor);
  }
}

/**
 * Multiplies its inputs: ((x₀ · x₁) · x₂) · ….
 * @example layers.multiply().apply([a, b])
 */
export class Multiply extends Merge {
  static readonly className: string = 'Multiply';
  readonly className: string = Multiply.className;
  /** A Multiply from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Multiply {
    return new Multiply(baseArgs(Multiply.className, config));
  }
  constructor(args: LayerArgs = {}) {
    super('Multiply', args);
  }
  protected mergeFunction(inputs: Tensor[]): Tensor {
    return fold(inputs, mul);
  }
}

/**
 * Averages its inputs: (((x₀ + x₁) + x₂) + …) / n, as Keras.
 * @example layers.average().apply([a, b])
 */
export class Average extends Merge {
  static readonly className: string = 'Average';
  readonly className: string = Average.className;
  /** An Average from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Average {
    return new Average(baseArgs(Average.className, config));
  }
  constructor(args: LayerArgs = {}) {
    super('Average', args);
  }
  protected mergeFunction(inputs: Tensor[]): Tensor {
    return div(fold(inputs, add), inputs.length);
  }
}

/**
 * The elementwise maximum of its inputs, folded left.
 * @example layers.maximum().apply([a, b])
 */
export class Maximum extends Merge {
  static readonly className: string = 'Maximum';
  readonly className: string = Maximum.className;
  /** A Maximum from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Maximum {
    return new Maximum(baseArgs(Maximum.className, config));
  }
  constructor(args: LayerArgs = {}) {
    super('Maximum', args);
  }
  protected mergeFunction(inputs: Tensor[]): Tensor {
    return fold(inputs, maximum);
  }
}

/**
 * The elementwise minimum of its inputs, folded left.
 * @example layers.minimum().apply([a, b])
 */
export class Minimum extends Merge {
  static readonly className: string = 'Minimum';
  readonly className: string = Minimum.className;
  /** A Minimum from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Minimum {
    return new Minimum(baseArgs(Minimum.className, config));
  }
  constructor(args: LayerArgs = {}) {
    super('Minimum', args);
  }
  protected mergeFunction(inputs: Tensor[]): Tensor {
    return fold(inputs, minimum);
  }
}
