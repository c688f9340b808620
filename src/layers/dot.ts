import type { ConfigDict } from '../initializers/initializer.js';
import { div, matMul, maximum, reshape, sqrt, square, sum, transpose } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { formatSymbolicShape } from './layer.js';
import { Merge } from './merge.js';

/** Arguments of `layers.dot` (TF.js `DotLayerArgs`). */
export interface DotArgs extends LayerArgs {
  /** The axis (or one per input) to contract; the batch axis 0 may not be one. */
  axes: number | [number, number];
  /** L2-normalize both inputs along their axes first, giving cosine similarity (default false). */
  normalize?: boolean;
}

/** TF.js `l2Normalize`: x / √max(Σ x², 1e-7) along `axis`. */
function l2Normalize(x: Tensor, axis: number): Tensor {
  return div(x, sqrt(maximum(sum(square(x), axis, true), 1e-7)));
}

/**
 * The dot product of two inputs along `axes`, sample by sample (Keras `batch_dot`): the
 * remaining axes of the first, then of the second; a result of rank 1 gets a trailing axis of 1.
 * Each output is a matMul sum over the contracted axis in increasing order.
 * @example layers.dot({ axes: 1, normalize: true }).apply([a, b]) // cosine similarity, shape [batch, 1]
 */
export class Dot extends Merge {
  static readonly className: string = 'Dot';
  readonly className: string = Dot.className;
  protected override readonly maxInputs: number = 2;
  readonly axes: number | [number, number];
  readonly normalize: boolean;

  /** A Dot from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Dot {
    const r = new ConfigReader(Dot.className, config);
    const axes = r.get('axes');
    const ok = Number.isInteger(axes) || (Array.isArray(axes) && axes.length === 2 && axes.every(Number.isInteger));
    if (!ok) throw new Error(`Dot config: axes must be an integer or a pair of integers, received axes=${JSON.stringify(axes)}`);
    return new Dot(put<DotArgs, 'normalize'>({ ...r.base(), axes: axes as number | [number, number] }, 'normalize', r.bool('normalize')));
  }

  constructor(args: DotArgs) {
    super('Dot', args);
    const a = args?.axes;
    if (!(Number.isInteger(a) || (Array.isArray(a) && a.length === 2 && a.every(Number.isInteger)))) {
      throw new Error(`${this.name}: axes must be an integer or a pair of integers. Received: axes=${JSON.stringify(a)}`);
    }
    this.axes = Array.isArray(a) ? [a[0], a[1]] : a;
    this.normalize = args.normalize ?? false;
  }

  /** The contracted axis of each input, made non-negative. */
  private axesFor(shapes: readonly SymbolicShape[]): [number, number] {
    const [a, b] = Array.isArray(this.axes) ? this.axes : [this.axes, this.axes];
    const fix = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);
    const out: [number, number] = [fix(a, (shapes[0] as SymbolicShape).length), fix(b, (shapes[1] as SymbolicShape).length)];
    out.forEach((axis, i) => {
      const rank = (shapes[i] as SymbolicShape).length;
      if (axis < 1 || axis >= rank) throw new Error(`${this.name}: axes ${JSON.stringify(this.axes)} name axis ${axis} of input ${i}, of shape ${formatSymbolicShape(shapes[i] as SymbolicShape)}; expected a non-batch axis in [1, ${rank - 1}]`);
    });
    return out;
  }

  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const shapes = this.shapesOf(inputShape);
    const [s1, s2] = shapes as [SymbolicShape, SymbolicShape];
    const [a1, a2] = this.axesFor(shapes);
    if (s1[a1] !== null && s2[a2] !== null && s1[a1] !== s2[a2]) {
      throw new Error(`${this.name}: dimension incompatibility: ${String(s1[a1])} (axis ${a1} of ${formatSymbolicShape(s1)}) != ${String(s2[a2])} (axis ${a2} of ${formatSymbolicShape(s2)})`);
    }
    const out = [...s1.filter((_, i) => i !== a1), ...s2.filter((_, i) => i !== a2 && i !== 0)];
    return out.length === 1 ? [...out, 1] : out;
  }

  /** Inputs of different ranks are not reshaped first (Keras's Dot neither). */
  override call(inputs: Tensor[], _ctx: CallContext): Tensor {
    return this.mergeFunction(inputs);
  }

  protected mergeFunction(inputs: Tensor[]): Tensor {
    let [x, y] = inputs as [Tensor, Tensor];
    const [a1, a2] = this.axesFor([x.shape, y.shape]);
    if (this.normalize) {
      x = l2Normalize(x, a1);
      y = l2Normalize(y, a2);
    }
    // Move the contracted axis of x last and of y right after the batch, then one batched matMul.
    const restX = x.shape.filter((_, i) => i !== 0 && i !== a1);
    const restY = y.shape.filter((_, i) => i !== 0 && i !== a2);
    const batch = x.shape[0] as number;
    const k = x.shape[a1] as number;
    const xt = transpose(x, [0, ...x.shape.map((_, i) => i).filter((i) => i !== 0 && i !== a1), a1]);
    const yt = transpose(y, [0, a2, ...y.shape.map((_, i) => i).filter((i) => i !== 0 && i !== a2)]);
    const size = (s: number[]): number => s.reduce((p, d) => p * d, 1);
    const z = matMul(reshape(xt, [batch, size(restX), k]), reshape(yt, [batch, k, size(restY)]));
    const out = [batch, ...restX, ...restY];
    return reshape(z, out.length === 1 ? [batch, 1] : out);
  }

  /** Keras 3 `Dot.compute_mask`: the contraction leaves no steps to mask. */
  override mergeMask(_inputs: Tensor[], _masks: readonly (Tensor | null)[]): Tensor | null {
    return null;
  }

  protected override layerConfig(): ConfigDict {
    return { axes: this.axes, normalize: this.normalize };
  }
}
