import type { ConfigDict } from '../initializers/initializer.js';
import type { InitializerIdentifier } from '../initializers/index.js';
import { getInitializer, serializeInitializer } from '../initializers/index.js';
import type { Initializer } from '../initializers/initializer.js';
import { depthwiseConv2d } from '../ops/index.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { ConfigReader, put } from './config-reader.js';
import type { BaseConvArgs } from './conv-base.js';
import { BaseConv, convOutputLength, readBaseConv, showOption } from './conv-base.js';
import type { Constraint, ConstraintIdentifier } from './constraints.js';
import { getConstraint, serializeConstraint } from './constraints.js';
import type { Regularizer, RegularizerIdentifier } from './regularizers.js';
import { getRegularizer, serializeRegularizer } from './regularizers.js';
import type { CallContext, LayerClass, SymbolicShape, WeightShape } from './layer.js';

/** Arguments of `layers.depthwiseConv2d` (TF.js `DepthwiseConv2DLayerArgs`). */
export interface DepthwiseConv2DArgs extends BaseConvArgs {
  /** Output channels per input channel (default 1). */
  depthMultiplier?: number;
  /** Initializer of the depthwise kernel; default glorotUniform, as Keras (TF.js: glorotNormal). */
  depthwiseInitializer?: InitializerIdentifier;
  /** Penalty on the depthwise kernel, added to the training loss. */
  depthwiseRegularizer?: RegularizerIdentifier | null;
  /** Projection of the depthwise kernel after each update. */
  depthwiseConstraint?: ConstraintIdentifier | null;
}

/** Checks depthMultiplier; errors name the layer. */
export function depthMultiplierOf(name: string, value: number | undefined): number {
  const m = value ?? 1;
  if (!Number.isInteger(m) || m < 1) throw new Error(`${name}: depthMultiplier must be a positive integer. Received: depthMultiplier=${showOption(value)}`);
  return m;
}

/**
 * A depthwise 2-D convolution layer: each input channel convolved with its own depthMultiplier
 * filters, then bias and activation; depthwise_kernel [kernelHeight, kernelWidth, inChannels,
 * depthMultiplier], output channels inChannels · depthMultiplier.
 * @example layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same' })
 */
export class DepthwiseConv2D extends BaseConv {
  static readonly className: string = 'DepthwiseConv2D';
  readonly className: string = DepthwiseConv2D.className;
  readonly depthMultiplier: number;
  readonly depthwiseInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | null;
  readonly depthwiseConstraint: Constraint | null;
  private depthwiseKernel: Variable | undefined;

  /** A DepthwiseConv2D from its file config. @example DepthwiseConv2D.fromConfig(DepthwiseConv2D, { kernel_size: [3, 3] }) */
  static fromConfig(_cls: LayerClass, config: ConfigDict): DepthwiseConv2D {
    const r = new ConfigReader(DepthwiseConv2D.className, config);
    const args: DepthwiseConv2DArgs = readBaseConv(r, []);
    put(args, 'depthMultiplier', r.int('depth_multiplier', 1));
    put(args, 'depthwiseRegularizer', r.regularizer('depthwise_regularizer'));
    put(args, 'depthwiseConstraint', r.constraint('depthwise_constraint'));
    return new DepthwiseConv2D(put(args, 'depthwiseInitializer', r.initializer('depthwise_initializer')));
  }

  constructor(args: DepthwiseConv2DArgs) {
    super('DepthwiseConv2D', 2, args);
    this.depthMultiplier = depthMultiplierOf(this.name, args.depthMultiplier);
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer ?? 'glorotUniform');
    this.depthwiseRegularizer = getRegularizer(args.depthwiseRegularizer);
    this.depthwiseConstraint = getConstraint(args.depthwiseConstraint);
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    const channels = this.splitShape(inputShape).channels ?? 0;
    const kernel = { name: 'depthwise_kernel', shape: [...this.kernelSize, channels, this.depthMultiplier] };
    return this.useBias ? [kernel, { name: 'bias', shape: [channels * this.depthMultiplier] }] : [kernel];
  }

  override build(inputShape: SymbolicShape): void {
    const [kernel, bias] = this.weightShapes(inputShape) as [WeightShape, WeightShape?];
    this.depthwiseKernel = this.addWeight(kernel.name, kernel.shape, this.depthwiseInitializer, true, this.depthwiseRegularizer, this.depthwiseConstraint);
    this.addBias(bias?.shape);
    this.inputChannels = kernel.shape[2];
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return this.convolve(x, (xl) => depthwiseConv2d(xl, this.depthwiseKernel as Variable, this.strides as [number, number], this.padding as 'same', 'NHWC', this.dilationRate as [number, number]));
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const { space, channels } = this.splitShape(inputShape);
    const out = space.map((d, i) => convOutputLength(d, this.kernelSize[i] as number, this.padding, this.strides[i] as number, this.dilationRate[i] as number));
    return this.joinShape(inputShape[0] ?? null, out, channels === null ? null : channels * this.depthMultiplier);
  }

  protected layerConfig(): ConfigDict {
    return {
      ...this.baseConfig(),
      depth_multiplier: this.depthMultiplier,
      depthwise_initializer: serializeInitializer(this.depthwiseInitializer),
      depthwise_regularizer: serializeRegularizer(this.depthwiseRegularizer),
      depthwise_constraint: serializeConstraint(this.depthwiseConstraint),
    };
  }
}
