import type { ConfigDict } from '../initializers/initializer.js';
import { Initializer } from '../initializers/initializer.js';
import { add, concat, matMul, mul, split } from '../ops/index.js';
import { ones } from '../ops/create.js';
import { lstmCell } from '../ops/recurrent-cell.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import type { RandomKey } from '../random/index.js';
import { foldInPath } from '../random/index.js';
import type { DataType } from '../tensor/dtype.js';
import { ConfigReader, put } from './config-reader.js';
import type { GatedRNNArgs } from './gated-rnn.js';
import { GatedRNN, readGatedRNNArgs } from './gated-rnn.js';
import type { LayerClass } from './layer.js';
import type { RNNStates } from './rnn-base.js';

/** Arguments of `layers.lstm`. */
export interface LSTMArgs extends GatedRNNArgs {
  /** Initialize the forget gate's bias to ones (default true). */
  unitForgetBias?: boolean;
}

/**
 * Long short-term memory (Hochreiter & Schmidhuber 1997; Keras `LSTM`). With z = x_t·W + b +
 * h_{t−1}·U split into gates i, f, c, o (that column order, as Keras and TF.js):
 * c_t = σ(f)·c_{t−1} + σ(i)·act(c), h_t = σ(o)·act(c_t), σ the recurrent activation.
 * @example layers.lstm({ units: 32, inputShape: [20, 8] })
 */
export class LSTM extends GatedRNN {
  static readonly className: string = 'LSTM';
  readonly className: string = LSTM.className;
  readonly unitForgetBias: boolean;
  protected readonly stateCount: number = 2;
  protected readonly gateCount: number = 4;

  /**
   * An LSTM from its config as a model file spells it (TF.js, Keras 2 or Keras 3).
   * @example LSTM.fromConfig(LSTM, { units: 4, recurrent_activation: 'sigmoid' })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): LSTM {
    const r = new ConfigReader(LSTM.className, config);
    const args: LSTMArgs = readGatedRNNArgs(r);
    return new LSTM(put(args, 'unitForgetBias', r.bool('unit_forget_bias')));
  }

  constructor(args: LSTMArgs) {
    super('LSTM', args);
    this.unitForgetBias = args.unitForgetBias ?? true;
  }

  protected override biasInit(): Initializer {
    return this.unitForgetBias ? new ForgetBiasOnes(this.biasInitializer, this.units) : this.biasInitializer;
  }

  protected step(z: Tensor, [, c]: RNNStates, hr: Tensor): RNNStates {
    const hu = matMul(hr, this.recurrentKernel as Variable);
    if (this.fused()) return lstmCell(z, hu, c as Tensor);
    const [i, f, g, o] = split(add(z, hu), 4, 1) as [Tensor, Tensor, Tensor, Tensor];
    const carry = add(mul(this.gateFn(f), c as Tensor), mul(this.gateFn(i), this.activationFn(g)));
    return [mul(this.gateFn(o), this.activationFn(carry)), carry];
  }

  protected layerConfig(): ConfigDict {
    return this.rnnConfig({ recurrent_activation: this.recurrentActivation }, { unit_forget_bias: this.unitForgetBias, implementation: 2 });
  }
}

/**
 * The LSTM bias with unitForgetBias (Keras): [init(units), ones(units), init(2·units)]; the two
 * initialized parts draw from their own purpose paths (`i`, `co`) under the bias's key.
 */
class ForgetBiasOnes extends Initializer {
  readonly className: string = 'ForgetBiasOnes';

  constructor(
    private readonly inner: Initializer,
    private readonly units: number,
  ) {
    super();
  }

  protected generate(_shape: readonly number[], dtype: DataType, k: RandomKey): Tensor {
    const u = this.units;
    return concat([this.inner.apply([u], dtype, foldInPath(k, 'i')), ones([u], dtype), this.inner.apply([2 * u], dtype, foldInPath(k, 'co'))], 0);
  }

  getConfig(): ConfigDict {
    return this.inner.getConfig();
  }
}
