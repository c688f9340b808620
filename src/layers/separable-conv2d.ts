import type { ConfigDict } from '../initializers/initializer.js';
import type { InitializerIdentifier } from '../initializers/index.js';
import { getInitializer, serializeInitializer } from '../initializers/index.js';
import type { Initializer } from '../initializers/initializer.js';
import { separableConv2d } from '../ops/index.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { ConfigReader, put } from './config-reader.js';
import type { BaseConvArgs } from './conv-base.js';
import { BaseConv, convOutputLength, readBaseConv, showOption } from './conv-base.js';
import { depthMultiplierOf } from './depthwise-conv2d.js';
import type { Constraint, ConstraintIdentifier } from './constraints.js';
import { getConstraint, serializeConstraint } from './constraints.js';
import type { Regularizer, RegularizerIdentifier } from './regularizers.js';
import { getRegularizer, serializeRegularizer } from './regularizers.js';
import type { CallContext, LayerClass, SymbolicShape, WeightShape } from './layer.js';

/** Arguments of `layers.separableConv2d` (TF.js `SeparableConvLayerArgs`). */
export interface SeparableConv2DArgs extends BaseConvArgs {
  /** Number of output channels. */
  filters: number;
  /** Depthwise output channels per input channel (default 1). */
  depthMultiplier?: number;
  /** Initializer of the depthwise kernel; default glorotUniform. */
  depthwiseInitializer?: InitializerIdentifier;
  /** Initializer of the pointwise kernel; default glorotUniform (TF.js wrongly uses the depthwise one). */
  pointwiseInitializer?: InitializerIdentifier;
  /** Penalties on the kernels, added to the training loss. */
  depthwiseRegularizer?: RegularizerIdentifier | null;
  pointwiseRegularizer?: RegularizerIdentifier | null;
  /** Projections of the kernels after each update. */
  depthwiseConstraint?: ConstraintIdentifier | null;
  pointwiseConstraint?: ConstraintIdentifier | null;
}

/**
 * A depthwise separable 2-D convolution layer: a depthwise convolution (depthwise_kernel
 * [kernelHeight, kernelWidth, inChannels, depthMultiplier]) then a 1×1 convolution
 * (pointwise_kernel [1, 1, inChannels · depthMultiplier, filters]), bias and activation.
 * @example layers.separableConv2d({ filters: 16, kernelSize: 3, padding: 'same' })
 */
export class SeparableConv2D extends BaseConv {
  static readonly className: string = 'SeparableConv2D';
  readonly className: string = SeparableConv2D.className;
  readonly filters: number;
  readonly depthMultiplier: number;
  readonly depthwiseInitializer: Initializer;
  readonly pointwiseInitializer: Initializer;
  readonly depthwiseRegularizer: Regularizer | null;
  readonly pointwiseRegularizer: Regularizer | null;
  readonly depthwiseConstraint: Constraint | null;
  readonly pointwiseConstraint: Constraint | null;
  private depthwiseKernel: Variable | undefined;
  private pointwiseKernel: Variable | undefined;

  /** A SeparableConv2D from its file config. @example SeparableConv2D.fromConfig(SeparableConv2D, { filters: 4, kernel_size: [3, 3] }) */
  static fromConfig(_cls: LayerClass, config: ConfigDict): SeparableConv2D {
    const r = new ConfigReader(SeparableConv2D.className, config);
    const args: SeparableConv2DArgs = { ...readBaseConv(r, []), filters: r.requiredInt('filters', 1) };
    for (const kind of ['depthwise', 'pointwise'] as const) {
      put(args, `${kind}Regularizer`, r.regularizer(`${kind}_regularizer`));
      put(args, `${kind}Constraint`, r.constraint(`${kind}_constraint`));
    }
    put(args, 'depthMultiplier', r.int('depth_multiplier', 1));
    put(args, 'depthwiseInitializer', r.initializer('depthwise_initializer'));
    return new SeparableConv2D(put(args, 'pointwiseInitializer', r.initializer('pointwise_initializer')));
  }

  constructor(args: SeparableConv2DArgs) {
    super('SeparableConv2D', 2, args);
    if (!Number.isInteger(args.filters) || args.filters < 1) throw new Error(`${this.name}: filters must be a positive integer. Received: filters=${showOption(args.filters)}`);
    this.filters = args.filters;
    this.depthMultiplier = depthMultiplierOf(this.name, args.depthMultiplier);
    this.depthwiseInitializer = getInitializer(args.depthwiseInitializer ?? 'glorotUniform');
    this.pointwiseInitializer = getInitializer(args.pointwiseInitializer ?? 'glorotUniform');
    this.depthwiseRegularizer = getRegularizer(args.depthwiseRegularizer);
    this.pointwiseRegularizer = getRegularizer(args.pointwiseRegularizer);
    this.depthwiseConstraint = getConstraint(args.depthwiseConstraint);
    this.pointwiseConstraint = getConstraint(args.pointwiseConstraint);
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    const channels = this.splitShape(inputShape).channels ?? 0;
    const weights = [
      { name: 'depthwise_kernel', shape: [...this.kernelSize, channels, this.depthMultiplier] },
      { name: 'pointwise_kernel', shape: [1, 1, channels * this.depthMultiplier, this.filters] },
    ];
    return this.useBias ? [...weights, { name: 'bias', shape: [this.filters] }] : weights;
  }

  override build(inputShape: SymbolicShape): void {
    const [depthwise, pointwise, bias] = this.weightShapes(inputShape) as [WeightShape, WeightShape, WeightShape?];
    this.depthwiseKernel = this.addWeight(depthwise.name, depthwise.shape, this.depthwiseInitializer, true, this.depthwiseRegularizer, this.depthwiseConstraint);
    this.pointwiseKernel = this.addWeight(pointwise.name, pointwise.shape, this.pointwiseInitializer, true, this.pointwiseRegularizer, this.pointwiseConstraint);
    this.addBias(bias?.shape);
    this.inputChannels = depthwise.shape[2];
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return this.convolve(x, (xl) => separableConv2d(xl, this.depthwiseKernel as Variable, this.pointwiseKernel as Variable, this.strides as [number, number], this.padding as 'same', this.dilationRate as [number, number]));
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const { space } = this.splitShape(inputShape);
    const out = space.map((d, i) => convOutputLength(d, this.kernelSize[i] as number, this.padding, this.strides[i] as number, this.dilationRate[i] as number));
    return this.joinShape(inputShape[0] ?? null, out, this.filters);
  }

  protected layerConfig(): ConfigDict {
    return {
      filters: this.filters,
      ...this.baseConfig(),
      depth_multiplier: this.depthMultiplier,
      depthwise_initializer: serializeInitializer(this.depthwiseInitializer),
      pointwise_initializer: serializeInitializer(this.pointwiseInitializer),
      depthwise_regularizer: serializeRegularizer(this.depthwiseRegularizer),
      pointwise_regularizer: serializeRegularizer(this.pointwiseRegularizer),
      depthwise_constraint: serializeConstraint(this.depthwiseConstraint),
      pointwise_constraint: serializeConstraint(this.pointwiseConstraint),
    };
  }
}
