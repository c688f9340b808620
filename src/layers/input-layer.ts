import type { ConfigDict } from '../initializers/initializer.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { Layer } from './layer.js';

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
