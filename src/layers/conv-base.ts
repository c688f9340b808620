import type { ConfigDict } from '../initializers/initializer.js';
import type { InitializerIdentifier } from '../initializers/index.js';
import { getInitializer, serializeInitializer } from '../initializers/index.js';
import type { Initializer } from '../initializers/initializer.js';
import type { FusedActivation } from '../kernels/index.js';
import { biasAdd } from '../ops/bias-add.js';
import { transpose } from '../ops/index.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import type { ActivationFn } from './activations.js';
import { activationName, getActivation } from './activations.js';
import type { ConfigReader } from './config-reader.js';
import { failConfig, put } from './config-reader.js';
import type { LayerArgs, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import type { Constraint, ConstraintIdentifier } from './constraints.js';
import { getConstraint, serializeConstraint } from './constraints.js';
import type { Regularizer, RegularizerIdentifier } from './regularizers.js';
import { getRegularizer, serializeRegularizer } from './regularizers.js';

/** Where the channels axis is: last (`[batch, …space, channels]`, the default) or first. */
export type DataFormat = 'channelsLast' | 'channelsFirst';

/** Padding of a convolution layer; `'causal'` (Conv1D only) pads only before, as Keras does. */
export type PaddingMode = 'valid' | 'same' | 'causal';

/** Arguments every convolution layer takes (TF.js `BaseConvLayerArgs`). */
export interface BaseConvArgs extends LayerArgs {
  /** Window size: one number for every spatial axis, or one per axis. */
  kernelSize: number | number[];
  /** Step between windows (default 1). */
  strides?: number | number[];
  /** `'valid'` (default), `'same'`, or `'causal'` (Conv1D). */
  padding?: PaddingMode;
  /** `'channelsLast'` (default) or `'channelsFirst'`. */
  dataFormat?: DataFormat;
  /** Spacing between window taps (default 1; strides and dilation cannot both exceed 1). */
  dilationRate?: number | number[];
  /** Activation id; linear by default. */
  activation?: string;
  /** Whether to add a bias (default true). */
  useBias?: boolean;
  /** Bias initializer; default zeros. */
  biasInitializer?: InitializerIdentifier;
  /** Penalty on the bias, added to the training loss. */
  biasRegularizer?: RegularizerIdentifier | null;
  /** Penalty on the output, per batch divided by the batch size (Keras 3). */
  activityRegularizer?: RegularizerIdentifier | null;
  /** Projection of the bias after each update. */
  biasConstraint?: ConstraintIdentifier | null;
}

/** Arguments of the layers with a `filters` count and a `kernel` (Conv1D, Conv2D, Conv2DTranspose). */
export interface ConvArgs extends BaseConvArgs {
  /** Number of output channels. */
  filters: number;
  /** Kernel initializer; default glorotUniform, as Keras (TF.js defaults to glorotNormal). */
  kernelInitializer?: InitializerIdentifier;
  /** Penalty on the kernel, added to the training loss (e.g. `regularizers.l2()`). */
  kernelRegularizer?: RegularizerIdentifier | null;
  /** Projection of the kernel after each update (e.g. `constraints.maxNorm()`). */
  kernelConstraint?: ConstraintIdentifier | null;
}

/**
 * An option value as the caller wrote it, for error messages: JSON, except that numbers print
 * with String so NaN and Infinity do not show as null (a string keeps its quotes).
 * @example showOption([3, NaN]) // '[3,NaN]'
 */
export function showOption(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(showOption).join(',')}]`;
  return JSON.stringify(value) ?? String(value);
}

/** `value` as `rank` positive integers (one number repeats); errors name the layer and option. */
function tuple(layer: string, what: string, value: number | number[] | undefined, rank: number, fallback: number): number[] {
  const v = value ?? fallback;
  const list = typeof v === 'number' ? new Array<number>(rank).fill(v) : Array.isArray(v) && v.length === 1 ? new Array<number>(rank).fill(v[0] as number) : v;
  if (!Array.isArray(list) || list.length !== rank || !list.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new Error(`${layer}: ${what} must be a positive integer or ${rank} of them. Received: ${what}=${showOption(value)}`);
  }
  return list.slice();
}

/**
 * The shared part of the convolution layers (Keras's BaseConv): window geometry, data format,
 * bias and activation, shape checks and config keys. Subclasses create their weights and call
 * their op on channels-last data; `channelsFirst` inputs are transposed in and out.
 */
export abstract class BaseConv extends Layer {
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: PaddingMode;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: string;
  readonly useBias: boolean;
  readonly biasInitializer: Initializer;
  readonly biasRegularizer: Regularizer | null;
  readonly biasConstraint: Constraint | null;
  protected readonly activationFn: ActivationFn;
  protected bias: Variable | undefined;
  /** Input channels the layer was built for. */
  protected inputChannels: number | undefined;

  constructor(className: string, readonly rank: 1 | 2, args: BaseConvArgs) {
    super(className, args);
    this.kernelSize = tuple(this.name, 'kernelSize', args.kernelSize, rank, 0);
    this.strides = tuple(this.name, 'strides', args.strides, rank, 1);
    this.dilationRate = tuple(this.name, 'dilationRate', args.dilationRate, rank, 1);
    this.padding = args.padding ?? 'valid';
    const paddings: PaddingMode[] = rank === 1 ? ['valid', 'same', 'causal'] : ['valid', 'same'];
    if (!paddings.includes(this.padding)) throw new Error(`${this.name}: padding must be ${paddings.map((p) => `'${p}'`).join(' or ')}. Received: padding=${JSON.stringify(args.padding)}`);
    this.dataFormat = args.dataFormat ?? 'channelsLast';
    if (this.dataFormat !== 'channelsLast' && this.dataFormat !== 'channelsFirst') {
      throw new Error(`${this.name}: dataFormat must be 'channelsLast' or 'channelsFirst'. Received: dataFormat=${JSON.stringify(args.dataFormat)}`);
    }
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new Error(`${this.name}: strides and dilationRate cannot both exceed 1 (as in Keras and TF.js). Received: strides=${JSON.stringify(args.strides)}, dilationRate=${JSON.stringify(args.dilationRate)}`);
    }
    this.activation = activationName(args.activation);
    this.activationFn = getActivation(this.activation);
    this.useBias = args.useBias ?? true;
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.activityRegularizer = getRegularizer(args.activityRegularizer);
  }

  /** Creates the bias weight (when useBias) with its initializer, regularizer and constraint. */
  protected addBias(shape: number[] | undefined): void {
    if (shape) this.bias = this.addWeight('bias', shape, this.biasInitializer, true, this.biasRegularizer, this.biasConstraint);
  }

  /** The channel axis of an input of rank `rank + 2`. */
  protected channelAxis(): number {
    return this.dataFormat === 'channelsFirst' ? 1 : this.rank + 1;
  }

  /** The input's spatial extents and channels, in channels-last order. */
  protected splitShape(shape: SymbolicShape): { space: (number | null)[]; channels: number | null } {
    const first = this.dataFormat === 'channelsFirst';
    return { space: first ? shape.slice(2) : shape.slice(1, -1), channels: shape[this.channelAxis()] ?? null };
  }

  /** A shape from batch, spatial extents and channels, in the layer's data format. */
  protected joinShape(batch: number | null, space: (number | null)[], channels: number | null): SymbolicShape {
    return this.dataFormat === 'channelsFirst' ? [batch, channels, ...space] : [batch, ...space, channels];
  }

  protected override checkInputShape(inputShape: SymbolicShape): void {
    const { channels } = this.splitShape(inputShape);
    const expected = this.inputChannels ?? null;
    const layout = this.dataFormat === 'channelsFirst' ? `[batch, channels, ${this.rank === 1 ? 'width' : 'height, width'}]` : `[batch, ${this.rank === 1 ? 'width' : 'height, width'}, channels]`;
    if (inputShape.length !== this.rank + 2 || channels === null || (expected !== null && channels !== expected)) {
      throw new Error(`${this.name}: expected input of rank ${this.rank + 2} ${layout}${expected !== null ? ` with ${expected} channels` : ''}, received [${inputShape.map(String).join(', ')}]`);
    }
    if (this.padding === 'valid' && this.windowMustFit) this.checkWindowFits(inputShape);
  }

  /** Whether a 'valid' window must fit in the input (not for transposed convolutions, which grow it). */
  protected readonly windowMustFit: boolean = true;

  /**
   * Keras 3 refuses an input smaller than a 'valid' window when the layer is built (TF.js builds
   * a model with empty outputs whose predict then fails inside the op): the error names the layer.
   */
  private checkWindowFits(inputShape: SymbolicShape): void {
    const { space } = this.splitShape(inputShape);
    const spans = this.kernelSize.map((k, i) => (k - 1) * (this.dilationRate[i] as number) + 1);
    if (space.every((d, i) => d === null || d >= (spans[i] as number))) return;
    const window = this.rank === 1 ? `a window of ${this.kernelSize[0]} taps` : `a ${this.kernelSize.join('×')} window`;
    const dilated = this.dilationRate.some((d) => d > 1) ? ` (dilation ${this.dilationRate.join('×')}: spanning ${spans.join('×')})` : '';
    const extent = this.rank === 1 ? `width ${String(space[0])}` : `height × width ${space.map(String).join(' × ')}`;
    throw new Error(`${this.name}: ${window}${dilated} does not fit in an input of ${extent} with padding 'valid', received [${inputShape.map(String).join(', ')}]; use padding 'same' or a larger input`);
  }

  /**
   * Runs `conv` (channels-last in and out) with the bias and the activation. A `conv` that fuses
   * (conv2dWithBias) receives the bias and the activation to apply in its own pass; otherwise they
   * are applied here, a relu fused with the bias (`biasAdd`), the same bits either way.
   */
  protected convolve(x: Tensor, conv: (x: Tensor, bias: Variable | null, activation: FusedActivation) => Tensor, fuses = false): Tensor {
    const perm = this.rank === 1 ? [0, 2, 1] : [0, 2, 3, 1];
    const back = this.rank === 1 ? [0, 2, 1] : [0, 3, 1, 2];
    const first = this.dataFormat === 'channelsFirst';
    const fused: FusedActivation = this.activation === 'relu' ? 'relu' : 'linear';
    const input = first ? transpose(x, perm) : x;
    let y: Tensor;
    if (fuses) {
      y = conv(input, this.bias ?? null, fused);
    } else {
      y = conv(input, null, 'linear');
      if (this.bias || fused === 'relu') y = biasAdd(y, this.bias ?? null, fused);
    }
    // The activation sees the output in the layer's data format, as in Keras and TF.js: softmax
    // of a channelsFirst output normalizes its last axis. (Elementwise ones: the same bits.)
    if (first) y = transpose(y, back);
    return fused === 'relu' ? y : this.activationFn(y);
  }

  /** The keys of Keras's BaseConv config, in TF.js order. */
  protected baseConfig(): ConfigDict {
    return {
      kernel_size: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      data_format: this.dataFormat,
      dilation_rate: this.dilationRate,
      activation: this.activation,
      use_bias: this.useBias,
      bias_initializer: serializeInitializer(this.biasInitializer),
      bias_regularizer: serializeRegularizer(this.biasRegularizer),
      activity_regularizer: serializeRegularizer(this.activityRegularizer),
      bias_constraint: serializeConstraint(this.biasConstraint),
    };
  }
}

/** Keras's conv_output_length: the output extent of one spatial axis (null stays null). */
export function convOutputLength(size: number | null, k: number, padding: PaddingMode, stride: number, dilation: number): number | null {
  if (size === null) return null;
  const span = k + (k - 1) * (dilation - 1);
  const length = padding === 'valid' ? size - span + 1 : size;
  return Math.floor((length + stride - 1) / stride);
}

/** An integer or a list of integers from a config (TF.js writes lists, Keras 2 may write a number). */
function readTuple(r: ConfigReader, key: string): number | number[] | undefined {
  const v = r.get(key);
  if (typeof v === 'number') return r.int(key, 1);
  return r.ints(key, 1, false) as number[] | undefined;
}

/** Reads the BaseConv keys of a file config (TF.js or Keras spelling of data_format). */
export function readBaseConv(r: ConfigReader, unsupported: readonly string[]): BaseConvArgs {
  r.unsupported(['quantization_config', 'lora_rank', ...unsupported]);
  const groups = r.int('groups', 1);
  if (groups !== undefined && groups !== 1) failConfig(r.cls, 'groups', groups, '1: SameBits does not support grouped convolution yet');
  const kernelSize = readTuple(r, 'kernel_size');
  if (kernelSize === undefined) failConfig(r.cls, 'kernel_size', undefined, 'an integer or a list of integers (the key is required)');
  const args: BaseConvArgs = { ...r.base(), kernelSize };
  put(args, 'strides', readTuple(r, 'strides'));
  put(args, 'dilationRate', readTuple(r, 'dilation_rate'));
  const padding = r.string('padding');
  if (padding !== undefined && !['valid', 'same', 'causal'].includes(padding)) failConfig(r.cls, 'padding', padding, "'valid', 'same' or 'causal'");
  put(args, 'padding', padding as PaddingMode | undefined);
  const format = r.string('data_format');
  const formats: Record<string, DataFormat> = { channelsLast: 'channelsLast', channels_last: 'channelsLast', channelsFirst: 'channelsFirst', channels_first: 'channelsFirst' };
  if (format !== undefined && !Object.hasOwn(formats, format)) failConfig(r.cls, 'data_format', format, "'channelsLast' or 'channelsFirst' (or Keras's 'channels_last', 'channels_first')");
  put(args, 'dataFormat', format === undefined ? undefined : formats[format]);
  put(args, 'activation', r.string('activation'));
  put(args, 'useBias', r.bool('use_bias'));
  put(args, 'biasRegularizer', r.regularizer('bias_regularizer'));
  put(args, 'activityRegularizer', r.regularizer('activity_regularizer'));
  put(args, 'biasConstraint', r.constraint('bias_constraint'));
  return put(args, 'biasInitializer', r.initializer('bias_initializer'));
}
