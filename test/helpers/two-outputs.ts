import type { CallContext, SymbolicShape } from '../../src/layers/index.js';
import { Layer } from '../../src/layers/index.js';
import { mul } from '../../src/ops/index.js';
import type { Tensor } from '../../src/ops/tensor.js';

/**
 * A test layer with two outputs (x and 2x), as an RNN with returnState has: TF.js's convention
 * for multi-output layers, used by the symbolic-graph and functional-model tests.
 * @example const [h, twice] = new TwoOutputs().apply(input({ shape: [2] })) as SymbolicTensor[];
 */
export class TwoOutputs extends Layer {
  static readonly className: string = 'TwoOutputs';
  readonly className: string = TwoOutputs.className;
  readonly multiOutput = true as const;
  constructor() {
    super('TwoOutputs');
  }
  call(x: Tensor, _ctx: CallContext): Tensor[] {
    return [x, mul(x, 2)];
  }
  computeOutputShape(shape: SymbolicShape): SymbolicShape[] {
    return [shape, shape];
  }
  protected layerConfig(): Record<string, never> {
    return {};
  }
}
