import type { ConfigDict } from '../initializers/initializer.js';
import { getInitializer, serializeInitializer } from '../initializers/index.js';
import type { Initializer } from '../initializers/initializer.js';
import { conv2dWithBias } from '../ops/conv2d.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { ConfigReader, put } from './config-reader.js';
import type { Constraint } from './constraints.js';
import { getConstraint, serializeConstraint } from './constraints.js';
import type { Regularizer } from './regularizers.js';
import { getRegularizer, serializeRegularizer } from './regularizers.js';
import type { ConvArgs } from './conv-base.js';
import { BaseConv, convOutputLength, readBaseConv, showOption } from './conv-base.js';
import type { CallContext, LayerClass, SymbolicShape, WeightShape } from './layer.js';

/** Arguments of `layers.conv2d` (TF.js `ConvLayerArgs`). */
export type Conv2DArgs = ConvArgs;

/** Reads the keys of a Conv layer's file config (filters, kernel) on top of BaseConv's. */
export function readConvArgs(r: ConfigReader, unsupported: readonly string[] = []): ConvArgs {
  const args: ConvArgs = { ...readBaseConv(r, unsupported), filters: r.requiredInt('filters', 1) };
  put(args, 'kernelRegularizer', r.regularizer('kernel_regularizer'));
  put(args, 'kernelConstraint', r.constraint('kernel_constraint'));
  return put(args, 'kernelInitializer', r.initializer('kernel_initializer'));
}

/** The kernel keys of a Conv layer's config, in TF.js order. */
export function kernelConfig(filters: number, initializer: Initializer, regularizer: Regularizer | null, constraint: Constraint | null): ConfigDict {
  return {
    filters,
    kernel_initializer: serializeInitializer(initializer),
    kernel_regularizer: serializeRegularizer(regularizer),
    kernel_constraint: serializeConstraint(constraint),
  };
}

/** Checks `filters` and resolves the kernel initializer (default glorotUniform). */
export function convKernelSetup(name: string, args: ConvArgs): Initializer {
  if (!Number.isInteger(args.filters) || args.filters < 1) throw new Error(`${name}: filters must be a positive integer. Received: filters=${showOption(args.filters)}`);
  return getInitializer(args.kernelInitializer ?? 'glorotUniform');
}

/**
 * A 2-D convolution layer: `activation(conv2d(x, kernel) + bias)`, kernel
 * [kernelHeight, kernelWidth, inChannels, filters].
 * @example layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] })
 */
export class Conv2D extends BaseConv {
  static readonly className: string = 'Conv2D';
  readonly className: string = Conv2D.className;
  readonly filters: number;
  readonly kernelInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  private kernel: Variable | undefined;

  /** A Conv2D from its config as a model file spells it (TF.js or Keras). @example Conv2D.fromConfig(Conv2D, { filters: 4, kernel_size: [3, 3] }) */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Conv2D {
    return new Conv2D(readConvArgs(new ConfigReader(Conv2D.className, config)));
  }

  constructor(args: Conv2DArgs) {
    super('Conv2D', 2, args);
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
    this.inputChannels = kernel.shape[2];
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    const strides = this.strides as [number, number];
    return this.convolve(x, (xl, bias, activation) => conv2dWithBias(xl, this.kernel as Variable, bias, strides, this.padding as 'same', 'NHWC', this.dilationRate as [number, number], activation), true);
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const { space } = this.splitShape(inputShape);
    const out = space.map((d, i) => convOutputLength(d, this.kernelSize[i] as number, this.padding, this.strides[i] as number, this.dilationRate[i] as number));
    return this.joinShape(inputShape[0] ?? null, out, this.filters);
  }

  protected layerConfig(): ConfigDict {
    return { ...kernelConfig(this.filters, this.kernelInitializer, this.kernelRegularizer, this.kernelConstraint), ...this.baseConfig() };
  }
}
