import type { ConfigDict } from '../initializers/initializer.js';
import { conv1d } from '../ops/index.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { ConfigReader } from './config-reader.js';
import type { ConvArgs } from './conv-base.js';
import { convOutputLength } from './conv-base.js';
import { Conv, readConvArgs } from './conv.js';
import type { CallContext, LayerClass, SymbolicShape } from './layer.js';

/** Arguments of `layers.conv1d` (TF.js `ConvLayerArgs`; `padding: 'causal'` as in Keras). */
export type Conv1DArgs = ConvArgs;

/**
 * A 1-D convolution layer over [batch, steps, channels]: `activation(conv1d(x, kernel) + bias)`,
 * kernel [kernelSize, inChannels, filters]. `padding: 'causal'` pads (kernelSize − 1)·dilation
 * steps before the sequence only, so output t sees inputs up to t (Keras; TF.js lacks it).
 * @example layers.conv1d({ filters: 16, kernelSize: 3, inputShape: [100, 8] })
 */
export class Conv1D extends Conv {
  static readonly className: string = 'Conv1D';
  readonly className: string = Conv1D.className;

  /** A Conv1D from its config as a model file spells it. @example Conv1D.fromConfig(Conv1D, { filters: 4, kernel_size: [3] }) */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Conv1D {
    return new Conv1D(readConvArgs(new ConfigReader(Conv1D.className, config)));
  }

  constructor(args: Conv1DArgs) {
    super('Conv1D', 1, args);
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
}
