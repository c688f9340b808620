import type { ConfigDict } from '../initializers/initializer.js';
import { logicalOr, reshape } from '../ops/index.js';
import type { Tensor } from '../ops/tensor.js';
import type { CallContext, LayerArgs, SymbolicShape } from './layer.js';
import { Layer, formatSymbolicShape } from './layer.js';
import { isShapeList } from './symbolic-tensor.js';

/**
 * The base of the merge layers (Keras 3 `Merge`): called on a list of tensors, it checks that
 * the batch sizes agree and that the shapes broadcast, Keras's way: the shapes without their
 * batch axis are aligned at the end and each pair of extents must be equal or one of them 1.
 * Inputs of lower rank get axes of extent 1 inserted after the batch axis (Keras's reshape).
 */
export abstract class Merge extends Layer {
  /** Fewest inputs the layer takes (Subtract and Dot take exactly 2). */
  protected readonly minInputs: number = 2;
  protected readonly maxInputs: number = Infinity;

  constructor(className: string, args: LayerArgs = {}) {
    super(className, args);
  }

  /** A merge layer sees the shapes of all its inputs. */
  protected override listInputShape(shapes: SymbolicShape[]): SymbolicShape[] {
    return shapes;
  }

  /** The merge itself, on inputs of equal rank. */
  protected abstract mergeFunction(inputs: Tensor[]): Tensor;

  /** The input shapes as a list, or an error naming the layer when it is not a list of the right length. */
  protected shapesOf(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape[] {
    if (!isShapeList(inputShape)) throw new Error(`${this.name}: a ${this.className} layer should be called on a list of inputs, received one input of shape ${formatSymbolicShape(inputShape)}`);
    const n = inputShape.length;
    if (n < this.minInputs || n > this.maxInputs) {
      const expected = this.minInputs === this.maxInputs ? `exactly ${this.minInputs}` : `at least ${this.minInputs}`;
      throw new Error(`${this.name}: a ${this.className} layer should be called on ${expected} inputs, received ${n}: ${inputShape.map(formatSymbolicShape).join(', ')}`);
    }
    const batches = inputShape.map((s) => s[0]).filter((b) => b !== null && b !== undefined);
    if (batches.some((b) => b !== batches[0])) throw new Error(`${this.name}: cannot merge tensors with different batch sizes, received shapes ${inputShape.map(formatSymbolicShape).join(', ')}`);
    return inputShape;
  }

  protected override checkInputShape(inputShape: SymbolicShape | SymbolicShape[]): void {
    this.computeOutputShape(inputShape);
  }

  /** Keras `_compute_elemwise_op_output_shape`, over all inputs in order; errors name both shapes. */
  computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const shapes = this.shapesOf(inputShape);
    let out = (shapes[0] as SymbolicShape).slice(1);
    for (const shape of shapes.slice(1)) {
      let [a, b] = [out, shape.slice(1)];
      if (a.length < b.length) [a, b] = [b, a];
      const lead = a.slice(0, a.length - b.length);
      const tail = b.map((j, k) => {
        const i = a[a.length - b.length + k] ?? null;
        if (i === null || j === null) return null;
        if (i === 1) return j;
        if (j === 1 || i === j) return i;
        throw new Error(`${this.name}: inputs have incompatible shapes. Received shapes ${formatSymbolicShape([(shapes[0] as SymbolicShape)[0] ?? null, ...out])} and ${formatSymbolicShape(shape)}`);
      });
      out = [...lead, ...tail];
    }
    const batch = shapes.map((s) => s[0]).find((d) => d !== null && d !== undefined) ?? null;
    return [batch, ...out];
  }

  call(inputs: Tensor[], _ctx: CallContext): Tensor {
    const rank = Math.max(...inputs.map((t) => t.rank));
    // NOTE: Keras inserts the missing axes after the batch axis, so extents align at the end.
    const same = inputs.map((t) => (t.rank === rank ? t : reshape(t, [t.shape[0] as number, ...new Array<number>(rank - t.rank).fill(1), ...t.shape.slice(1)])));
    return this.mergeFunction(same);
  }

  /**
   * The output mask from the inputs' masks (Keras 3 `Merge.compute_mask`): a step is kept when
   * some input keeps it, the masks OR-ed in input order; none when some input has no mask.
   */
  mergeMask(_inputs: Tensor[], masks: readonly (Tensor | null)[]): Tensor | null {
    if (masks.some((m) => m === null)) return null;
    return (masks as Tensor[]).reduce((a, b) => logicalOr(a, b));
  }

  protected layerConfig(): ConfigDict {
    return {};
  }
}
