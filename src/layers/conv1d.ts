import type { ConfigDict } from '../initializers/initializer.js';
import type { Initializer } from '../initializers/initializer.js';
import { conv1d } from '../ops/index.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { ConfigReader } from './config-reader.js';
import type { ConvArgs } from './conv-base.js';
import { BaseConv, convOutputLength } from './conv-base.js';
import { convKernelSetup, kernelConfig, readConvArgs } from './conv2d.js';
import type { Constraint } from './constraints.js';
import { getConstraint } from './constraints.js';
import type { Regularizer } from './regularizers.js';
import { getRegularizer } from './regularizers.js';
import type { CallContext, LayerClass, SymbolicShape, WeightShape } from './layer.js';

/** Arguments of `layers.conv1d` (TF.js `ConvLayerArgs`; `padding: 'causal'` as in Keras). */
export type Conv1DArgs = ConvArgs;

/**
 * A 1-D convolution layer over [batch, steps, channels]: `activation(conv1d(x, kernel) + bias)`,
 * kernel [kernelSize, inChannels, filters]. `padding: 'causal'` pads (kernelSize − 1)·dilation
 * steps before the sequence only, so output t sees inputs up to t (Keras; TF.js lacks it).
 * @example layers.conv1d({ filters: 16, kernelSize: 3, inputShape: [100, 8] })
 */
export class Conv1D extends BaseConv {
  static readonly className: string = 'Conv1D';
  readonly className: string = Conv1D.className;
  readonly filters: number;
  readonly kernelInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  private kernel: Variable | undefined;

  /** A Conv1D from its config as a model file spells it. @example Conv1D.fromConfig(Conv1D, { filters: 4, kernel_size: [3] }) */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Conv1D {
    return new Conv1D(readConvArgs(new ConfigReader(Conv1D.className, config)));
  }

  constructor(args: Conv1DArgs) {
    super('Conv1D', 1, args);
    this.filters = args.filters;
    this.kernelInitializer = convKernelSetup(this.name, args);
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    const channels = this.splitShape(inputShape).channels ?? 0;
    const kernel = { name: 'kernel', shape: [this.kernelSize[0] as number, channels, this.filters] };
    return this.useBias ? [kernel, { name: 'bias', shape: [this.filters] }] : [kernel];
  }

  override build(inputShape: SymbolicShape): void {
    const [kernel, bias] = this.weightShapes(inputShape) as [WeightShape, WeightShape?];
    this.kernel = this.addWeight(kernel.name, kernel.shape, this.kernelInitializer, true, this.kernelRegularizer, this.kernelConstraint);
    this.addBias(bias?.shape);
    this.inputChannels = kernel.shape[1];
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    const [k, stride, dilation] = [this.kernelSize[0] as number, this.strides[0] as number, this.dilationRate[0] as number];
    const pad = this.padding === 'causal' ? [[0, 0], [(k - 1) * dilation, 0], [0, 0]] as const : this.padding;
    return this.convolve(x, (xl) => conv1d(xl, this.kernel as Variable, stride, pad, 'NWC', dilation));
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const { space } = this.splitShape(inputShape);
    const out = convOutputLength(space[0] ?? null, this.kernelSize[0] as number, this.padding, this.strides[0] as number, this.dilationRate[0] as number);
    return this.joinShape(inputShape[0] ?? null, [out], this.filters);
  }

  protected layerConfig(): ConfigDict {
    return { ...kernelConfig(this.filters, this.kernelInitializer, this.kernelRegularizer, this.kernelConstraint), ...this.baseConfig() };
  }
}
