import type { ConfigDict } from '../initializers/initializer.js';
import type { Initializer } from '../initializers/initializer.js';
import { conv2dTranspose } from '../ops/index.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { ConfigReader } from './config-reader.js';
import type { ConvArgs, PaddingMode } from './conv-base.js';
import { BaseConv } from './conv-base.js';
import { convKernelSetup, kernelConfig, readConvArgs } from './conv2d.js';
import type { Constraint } from './constraints.js';
import { getConstraint } from './constraints.js';
import type { Regularizer } from './regularizers.js';
import { getRegularizer } from './regularizers.js';
import type { CallContext, LayerClass, SymbolicShape, WeightShape } from './layer.js';

/** Arguments of `layers.conv2dTranspose` (TF.js `ConvLayerArgs`; dilationRate must be 1, as TF.js). */
export type Conv2DTransposeArgs = ConvArgs;

/** Keras's deconv_output_length without output_padding: the output extent of one axis. */
function deconvLength(size: number | null, k: number, stride: number, padding: PaddingMode): number | null {
  if (size === null) return null;
  return padding === 'valid' ? size * stride + Math.max(k - stride, 0) : size * stride;
}

/**
 * A transposed 2-D convolution layer (the gradient of a conv2d with respect to its input, often
 * called deconvolution): `activation(conv2dTranspose(x, kernel) + bias)`, kernel
 * [kernelHeight, kernelWidth, filters, inChannels]; 'same' padding multiplies height and width
 * by the strides.
 * @example layers.conv2dTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' })
 */
export class Conv2DTranspose extends BaseConv {
  static readonly className: string = 'Conv2DTranspose';
  readonly className: string = Conv2DTranspose.className;
  readonly filters: number;
  readonly kernelInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  private kernel: Variable | undefined;
  protected override readonly windowMustFit: boolean = false;

  /** A Conv2DTranspose from its file config (output_padding is not supported). @example Conv2DTranspose.fromConfig(Conv2DTranspose, { filters: 4, kernel_size: [3, 3] }) */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Conv2DTranspose {
    return new Conv2DTranspose(readConvArgs(new ConfigReader(Conv2DTranspose.className, config), ['output_padding']));
  }

  constructor(args: Conv2DTransposeArgs) {
    super('Conv2DTranspose', 2, args);
    this.filters = args.filters;
    this.kernelInitializer = convKernelSetup(this.name, args);
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    if (this.dilationRate.some((d) => d !== 1)) throw new Error(`${this.name}: dilationRate must be 1 for Conv2DTranspose (as in TF.js). Received: dilationRate=${JSON.stringify(args.dilationRate)}`);
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    const channels = this.splitShape(inputShape).channels ?? 0;
    const kernel = { name: 'kernel', shape: [...this.kernelSize, this.filters, channels] };
    return this.useBias ? [kernel, { name: 'bias', shape: [this.filters] }] : [kernel];
  }

  override build(inputShape: SymbolicShape): void {
    const [kernel, bias] = this.weightShapes(inputShape) as [WeightShape, WeightShape?];
    this.kernel = this.addWeight(kernel.name, kernel.shape, this.kernelInitializer, true, this.kernelRegularizer, this.kernelConstraint);
    this.addBias(bias?.shape);
    this.inputChannels = kernel.shape[3];
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    return this.convolve(x, (xl) => {
      const [batch, h, w] = xl.shape as [number, number, number];
      const out = [batch, deconvLength(h, this.kernelSize[0] as number, this.strides[0] as number, this.padding) as number, deconvLength(w, this.kernelSize[1] as number, this.strides[1] as number, this.padding) as number, this.filters];
      return conv2dTranspose(xl, this.kernel as Variable, out, this.strides as [number, number], this.padding as 'same');
    });
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const { space } = this.splitShape(inputShape);
    const out = space.map((d, i) => deconvLength(d, this.kernelSize[i] as number, this.strides[i] as number, this.padding));
    return this.joinShape(inputShape[0] ?? null, out, this.filters);
  }

  protected layerConfig(): ConfigDict {
    const base = this.baseConfig();
    delete base['dilation_rate']; // TF.js writes none for Conv2DTranspose
    return { ...kernelConfig(this.filters, this.kernelInitializer, this.kernelRegularizer, this.kernelConstraint), ...base };
  }
}
