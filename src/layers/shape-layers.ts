import type { ConfigDict } from '../initializers/initializer.js';
import { reshape, transpose } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import type { ActivationFn } from './activations.js';
import { activationName, getActivation } from './activations.js';
import type { CallContext, LayerArgs, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

/**
 * Flattens every axis but the batch axis: [batch, a, b] → [batch, a·b].
 * @example layers.flatten({ inputShape: [28, 28] })
 */
export class Flatten extends Layer {
  readonly className: string = 'Flatten';
  constructor(args: LayerArgs = {}) {
    super('Flatten', args);
  }
  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length < 2) throw new Error(`${this.name}: expected an input of rank ≥ 2 (batch, features…), received shape [${inputShape.join(', ')}]`);
  }
  call(x: Tensor, _ctx: CallContext): Tensor {
    return reshape(x, [x.shape[0] as number, -1]);
  }
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const rest = inputShape.slice(1);
    return [inputShape[0] ?? null, rest.some((d) => d === null) ? null : rest.reduce<number>((p, d) => p * (d as number), 1)];
  }
  protected layerConfig(): ConfigDict {
    return {};
  }
}

/** Arguments of `layers.reshape`. */
export interface ReshapeArgs extends LayerArgs {
  /** Target shape without the batch axis; one extent may be −1. */
  targetShape: number[];
}

/**
 * Reshapes each sample to `targetShape` (batch axis kept).
 * @example layers.reshape({ targetShape: [2, 3] })
 */
export class Reshape extends Layer {
  readonly className: string = 'Reshape';
  readonly targetShape: number[];
  constructor(args: ReshapeArgs) {
    super('Reshape', args);
    if (!Array.isArray(args.targetShape) || args.targetShape.filter((d) => d === -1).length > 1 || args.targetShape.some((d) => d !== -1 && (!Number.isInteger(d) || d < 1))) {
      throw new Error(`${this.name}: targetShape must be positive integers with at most one -1. Received: targetShape=${JSON.stringify(args.targetShape)}`);
    }
    this.targetShape = args.targetShape.slice();
  }
  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.slice(1).includes(null)) return; // unknown extents: checked on the concrete input
    const size = inputShape.slice(1).reduce<number>((p, d) => p * (d as number), 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
    const ok = this.targetShape.includes(-1) ? size % known === 0 : size === known;
    if (!ok) throw new Error(`${this.name}: cannot reshape samples of shape [${inputShape.slice(1).join(', ')}] (${size} values) to targetShape [${this.targetShape.join(', ')}]`);
  }
  call(x: Tensor, _ctx: CallContext): Tensor {
    return reshape(x, [x.shape[0] as number, ...this.targetShape]);
  }
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    const rest = inputShape.slice(1);
    const size = rest.includes(null) ? null : rest.reduce<number>((p, d) => p * (d as number), 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
    return [inputShape[0] ?? null, ...this.targetShape.map((d) => (d !== -1 ? d : size === null ? null : size / known))];
  }
  protected layerConfig(): ConfigDict {
    return { target_shape: this.targetShape };
  }
}

/** Arguments of `layers.permute`. */
export interface PermuteArgs extends LayerArgs {
  /** Permutation of the non-batch axes, 1-based (Keras): `[2, 1]` swaps the two. */
  dims: number[];
}

/**
 * Permutes the non-batch axes (1-based `dims`, as Keras).
 * @example layers.permute({ dims: [2, 1], inputShape: [10, 64] })
 */
export class Permute extends Layer {
  readonly className: string = 'Permute';
  readonly dims: number[];
  constructor(args: PermuteArgs) {
    super('Permute', args);
    const sorted = [...(args.dims ?? [])].sort((a, b) => a - b);
    if (!Array.isArray(args.dims) || sorted.some((d, i) => d !== i + 1)) {
      throw new Error(`${this.name}: dims must be a permutation of 1…${args.dims?.length ?? 0} (1-based, batch axis excluded). Received: dims=${JSON.stringify(args.dims)}`);
    }
    this.dims = args.dims.slice();
  }
  protected override checkInputShape(inputShape: SymbolicShape): void {
    if (inputShape.length !== this.dims.length + 1) throw new Error(`${this.name}: dims ${JSON.stringify(this.dims)} expect inputs of rank ${this.dims.length + 1}, received shape [${inputShape.join(', ')}]`);
  }
  call(x: Tensor, _ctx: CallContext): Tensor {
    return transpose(x, [0, ...this.dims]);
  }
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [inputShape[0] ?? null, ...this.dims.map((d) => inputShape[d] ?? null)];
  }
  protected layerConfig(): ConfigDict {
    return { dims: this.dims };
  }
}

/** Arguments of `layers.activation`. */
export interface ActivationArgs extends LayerArgs {
  activation: string;
}

/**
 * Applies an activation function.
 * @example layers.activation({ activation: 'softmax' })
 */
export class Activation extends Layer {
  readonly className: string = 'Activation';
  readonly activation: string;
  private readonly fn: ActivationFn;
  constructor(args: ActivationArgs) {
    super('Activation', args);
    this.activation = activationName(args.activation);
    this.fn = getActivation(this.activation);
  }
  call(x: Tensor, _ctx: CallContext): Tensor {
    return this.fn(x);
  }
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }
  protected layerConfig(): ConfigDict {
    return { activation: this.activation };
  }
}

/**
 * Declares the input shape of a Sequential model; the identity on data.
 * @example sequential({ layers: [layers.inputLayer({ inputShape: [4] }), layers.dense({ units: 1 })] })
 */
export class InputLayer extends Layer {
  readonly className: string = 'InputLayer';
  constructor(args: LayerArgs) {
    super('InputLayer', args);
    if (!this.batchInputShape) throw new Error(`${this.name}: inputLayer needs inputShape or batchInputShape`);
  }
  call(x: Tensor, _ctx: CallContext): Tensor {
    return x;
  }
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }
  protected layerConfig(): ConfigDict {
    return {};
  }
}
