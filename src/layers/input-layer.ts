import type { ConfigDict } from '../initializers/initializer.js';
import type { Tensor } from '../ops/tensor.js';
import type { DataType } from '../tensor/dtype.js';
import { ConfigReader } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';
import { SymbolicTensor } from './symbolic-tensor.js';

/**
 * Declares the input shape of a Sequential model; the identity on data.
 * @example sequential({ layers: [layers.inputLayer({ inputShape: [4] }), layers.dense({ units: 1 })] })
 */
export class InputLayer extends Layer {
  static readonly className: string = 'InputLayer';
  readonly className: string = InputLayer.className;
  /** An InputLayer from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): InputLayer {
    const r = new ConfigReader(InputLayer.className, config);
    r.unsupported(['sparse', 'ragged', 'optional']);
    // An Embedding model's input may be declared int32; the dtype of an input is not a weight's.
    return new InputLayer(r.base(['float32', 'int32']));
  }
  constructor(args: LayerArgs) {
    super('InputLayer', args);
    if (!this.batchInputShape) throw new Error(`${this.name}: inputLayer needs inputShape or batchInputShape`);
    // The layer's one node has no inputs and one output: the symbolic tensor `input()` returns.
    const output = new SymbolicTensor({ name: this.name, shape: this.batchInputShape, dtype: this.dtype, sourceLayer: this, nodeIndex: 0, tensorIndex: 0 });
    this.inboundNodes.push({ layer: this, inputs: [], outputs: [output], listInput: false, listOutput: false, training: undefined });
  }
  /** The symbolic tensor this layer feeds into a functional model. */
  get output(): SymbolicTensor {
    return this.inboundNodes[0]?.outputs[0] as SymbolicTensor;
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

/** Arguments of `input` (TF.js `InputConfig`). */
export interface InputArgs {
  /** Shape of one sample, without the batch axis (`null` for an unknown extent). */
  shape?: SymbolicShape;
  /** Shape with the batch axis (`null` for any batch size); instead of `shape`. */
  batchShape?: SymbolicShape;
  /** Name of the input layer (default `input_layer`, `input_layer_1`, … as Keras 3). */
  name?: string;
  /** float32 (default), or int32 for indices (an Embedding's input). */
  dtype?: DataType;
}

/**
 * A symbolic input of a functional model (TF.js `tf.input`): layers applied to it record the
 * graph that `model({inputs, outputs})` turns into a model.
 * @example const x = input({ shape: [4] }); const m = model({ inputs: x, outputs: layers.dense({ units: 1 }).apply(x) });
 */
export function input(args: InputArgs): SymbolicTensor {
  if (args === null || typeof args !== 'object') throw new Error(`input: expected {shape} or {batchShape}, received ${String(args)}`);
  if (args.shape === undefined && args.batchShape === undefined) throw new Error('input: give shape (without the batch axis) or batchShape (with it); neither was given');
  if (args.shape !== undefined && args.batchShape !== undefined) throw new Error('input: give shape or batchShape, not both');
  for (const [k, v] of [['shape', args.shape], ['batchShape', args.batchShape]] as const) {
    if (v !== undefined && !Array.isArray(v)) throw new Error(`input: ${k} must be an array of sizes, received ${JSON.stringify(v)}`);
  }
  const layerArgs: LayerArgs = args.batchShape !== undefined ? { batchInputShape: args.batchShape } : { inputShape: args.shape as SymbolicShape };
  if (args.name !== undefined) layerArgs.name = args.name;
  if (args.dtype !== undefined) layerArgs.dtype = args.dtype;
  return new InputLayer(layerArgs).output;
}
