import type { ConfigDict } from '../initializers/initializer.js';
import { conv2dWithBias } from '../ops/conv2d.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { ConfigReader } from './config-reader.js';
import type { ConvArgs } from './conv-base.js';
import { convOutputLength } from './conv-base.js';
import { Conv, readConvArgs } from './conv.js';
import type { CallContext, LayerClass, SymbolicShape } from './layer.js';

// The Conv helpers moved to conv.ts with the class both Conv layers share; Conv2DTranspose still
// imports them from here.
export { convKernelSetup, kernelConfig, readConvArgs } from './conv.js';

/** Arguments of `layers.conv2d` (TF.js `ConvLayerArgs`). */
export type Conv2DArgs = ConvArgs;

/**
 * A 2-D convolution layer: `activation(conv2d(x, kernel) + bias)`, kernel
 * [kernelHeight, kernelWidth, inChannels, filters].
 * @example layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] })
 */
export class Conv2D extends Conv {
  static readonly className: string = 'Conv2D';
  readonly className: string = Conv2D.className;

  /** A Conv2D from its config as a model file spells it (TF.js or Keras). @example Conv2D.fromConfig(Conv2D, { filters: 4, kernel_size: [3, 3] }) */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Conv2D {
    return new Conv2D(readConvArgs(new ConfigReader(Conv2D.className, config)));
  }

  constructor(args: Conv2DArgs) {
    super('Conv2D', 2, args);
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
}
