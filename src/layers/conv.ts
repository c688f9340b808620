import type { ConfigDict } from '../initializers/initializer.js';
import { getInitializer, serializeInitializer } from '../initializers/index.js';
import type { Initializer } from '../initializers/initializer.js';
import type { Variable } from '../ops/tensor.js';
import type { ConfigReader } from './config-reader.js';
import { put } from './config-reader.js';
import type { Constraint } from './constraints.js';
import { getConstraint, serializeConstraint } from './constraints.js';
import type { Regularizer } from './regularizers.js';
import { getRegularizer, serializeRegularizer } from './regularizers.js';
import type { ConvArgs } from './conv-base.js';
import { BaseConv, readBaseConv, showOption } from './conv-base.js';
import type { SymbolicShape, WeightShape } from './layer.js';

/**
 * Reads the keys of a Conv layer's file config (filters, kernel) on top of BaseConv's.
 * @example readConvArgs(new ConfigReader('Conv2D', { filters: 4, kernel_size: [3, 3] }))
 */
export function readConvArgs(r: ConfigReader, unsupported: readonly string[] = []): ConvArgs {
  const args: ConvArgs = { ...readBaseConv(r, unsupported), filters: r.requiredInt('filters', 1) };
  put(args, 'kernelRegularizer', r.regularizer('kernel_regularizer'));
  put(args, 'kernelConstraint', r.constraint('kernel_constraint'));
  return put(args, 'kernelInitializer', r.initializer('kernel_initializer'));
}

/**
 * The kernel keys of a Conv layer's config, in TF.js order.
 * @example kernelConfig(8, getInitializer('glorotUniform'), null, null)
 */
export function kernelConfig(filters: number, initializer: Initializer, regularizer: Regularizer | null, constraint: Constraint | null): ConfigDict {
  return {
    filters,
    kernel_initializer: serializeInitializer(initializer),
    kernel_regularizer: serializeRegularizer(regularizer),
    kernel_constraint: serializeConstraint(constraint),
  };
}

/**
 * Checks `filters` and resolves the kernel initializer (default glorotUniform).
 * @example convKernelSetup('conv2d_1', { filters: 8, kernelSize: 3 })
 */
export function convKernelSetup(name: string, args: ConvArgs): Initializer {
  if (!Number.isInteger(args.filters) || args.filters < 1) throw new Error(`${name}: filters must be a positive integer. Received: filters=${showOption(args.filters)}`);
  return getInitializer(args.kernelInitializer ?? 'glorotUniform');
}

/**
 * What Conv1D and Conv2D share (TF.js's `Conv` between `BaseConv` and them): `filters` and one
 * kernel of shape [...kernelSize, inChannels, filters] with its initializer, regularizer and
 * constraint. Subclasses supply `call` and `computeOutputShape`.
 * @example class Conv1D extends Conv { call(x) { ... } computeOutputShape(s) { ... } }
 */
export abstract class Conv extends BaseConv {
  readonly filters: number;
  readonly kernelInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  protected kernel: Variable | undefined;

  constructor(className: string, rank: 1 | 2, args: ConvArgs) {
    super(className, rank, args);
    this.filters = args.filters;
    this.kernelInitializer = convKernelSetup(this.name, args);
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    const channels = this.splitShape(inputShape).channels ?? 0;
    const kernel = { name: 'kernel', shape: [...this.kernelSize, channels, this.filters] };
    return this.useBias ? [kernel, { name: 'bias', shape: [this.filters] }] : [kernel];
  }

  override build(inputShape: SymbolicShape): void {
    const [kernel, bias] = this.weightShapes(inputShape) as [WeightShape, WeightShape?];
    this.kernel = this.addWeight(kernel.name, kernel.shape, this.kernelInitializer, true, this.kernelRegularizer, this.kernelConstraint);
    this.addBias(bias?.shape);
    this.inputChannels = kernel.shape[this.rank];
  }

  protected layerConfig(): ConfigDict {
    return { ...kernelConfig(this.filters, this.kernelInitializer, this.kernelRegularizer, this.kernelConstraint), ...this.baseConfig() };
  }
}
