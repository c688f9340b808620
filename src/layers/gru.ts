import type { ConfigDict } from '../initializers/initializer.js';
import { add, matMul, mul, slice, split, sub } from '../ops/index.js';
import { gruCell, gruReset } from '../ops/recurrent-cell.js';
import type { Tensor, Variable } from '../ops/tensor.js';
import { ConfigReader, put } from './config-reader.js';
import type { GatedRNNArgs } from './gated-rnn.js';
import { GatedRNN, readGatedRNNArgs } from './gated-rnn.js';
import type { LayerClass } from './layer.js';
import type { RNNStates } from './rnn-base.js';

/** Arguments of `layers.gru`. */
export interface GRUArgs extends GatedRNNArgs {
  /**
   * Apply the reset gate after the recurrent matMul, with a separate recurrent bias (default
   * true, as Keras 3 and cuDNN; TF.js has only false, so a model meant to load in TF.js needs false).
   */
  resetAfter?: boolean;
}

/**
 * Gated recurrent unit (Cho et al. 2014; Keras `GRU`), gates z, r, h in that column order. With
 * x_z, x_r, x_h = x_t·W + b_in: z = σ(x_z + h·U_z), r = σ(x_r + h·U_r), and the candidate
 * hh = act(x_h + r·(h·U_h + b_rec)) with resetAfter (bias [2, 3·units]: input row, recurrent
 * row), or act(x_h + (r·h)·U_h) without (bias [3·units]); then h_t = z·h + (1 − z)·hh.
 * @example layers.gru({ units: 16, inputShape: [10, 4] })
 */
export class GRU extends GatedRNN {
  static readonly className: string = 'GRU';
  readonly className: string = GRU.className;
  readonly resetAfter: boolean;
  protected readonly stateCount: number = 1;
  protected readonly gateCount: number = 3;
  /** This sequence's recurrent weight blocks, sliced once per call (resetAfter: recurrent bias; else U_zr and U_h). */
  private blocks: Tensor[] = [];

  /**
   * A GRU from its config as a model file spells it (TF.js, Keras 2 or Keras 3). A file without
   * `reset_after` (TF.js writes none) means false.
   * @example GRU.fromConfig(GRU, { units: 4, reset_after: true })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): GRU {
    const r = new ConfigReader(GRU.className, config);
    const args: GRUArgs = readGatedRNNArgs(r);
    return new GRU(put(args, 'resetAfter', r.bool('reset_after') ?? false));
  }

  constructor(args: GRUArgs) {
    super('GRU', args);
    this.resetAfter = args.resetAfter ?? true;
  }

  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  protected override inputBias(): Tensor | undefined {
    if (!this.bias || !this.resetAfter) return this.bias;
    return slice(this.bias, [0, 0], [1, -1]);
  }

  protected override beginSequence(): void {
    const u = this.units;
    const kernel = this.recurrentKernel as Variable;
    if (this.resetAfter) this.blocks = this.bias ? [slice(this.bias, [1, 0], [1, -1])] : [];
    else this.blocks = [slice(kernel, [0, 0], [u, 2 * u]), slice(kernel, [0, 2 * u], [u, u])];
  }

  protected step(x: Tensor, [h]: RNNStates, hr: Tensor): RNNStates {
    if (this.fused()) {
      if (this.resetAfter) {
        const inner = matMul(hr, this.recurrentKernel as Variable);
        return [gruCell(x, this.blocks[0] ? add(inner, this.blocks[0]) : inner, h as Tensor)];
      }
      const [zr, uh] = this.blocks as [Tensor, Tensor];
      const { m, update } = gruReset(x, matMul(hr, zr), hr);
      return [update(matMul(m, uh), h as Tensor)];
    }
    const [xz, xr, xh] = split(x, 3, 1) as [Tensor, Tensor, Tensor];
    let candidate: Tensor;
    let z: Tensor;
    if (this.resetAfter) {
      let inner = matMul(hr, this.recurrentKernel as Variable);
      if (this.blocks[0]) inner = add(inner, this.blocks[0]);
      const [rz, rr, rh] = split(inner, 3, 1) as [Tensor, Tensor, Tensor];
      z = this.gateFn(add(xz, rz));
      candidate = this.activationFn(add(xh, mul(this.gateFn(add(xr, rr)), rh)));
    } else {
      const [zr, uh] = this.blocks as [Tensor, Tensor];
      const [rz, rr] = split(matMul(hr, zr), 2, 1) as [Tensor, Tensor];
      z = this.gateFn(add(xz, rz));
      const r = this.gateFn(add(xr, rr));
      candidate = this.activationFn(add(xh, matMul(mul(r, hr), uh)));
    }
    // h_t = z·h + (1 − z)·hh, with the previous state before recurrent dropout (Keras).
    return [add(mul(z, h as Tensor), mul(sub(1, z), candidate))];
  }

  protected layerConfig(): ConfigDict {
    return this.rnnConfig({ recurrent_activation: this.recurrentActivation }, { implementation: 2, reset_after: this.resetAfter });
  }
}
