import type { ConfigDict } from '../initializers/initializer.js';
import { concat, logicalOr } from '../ops/index.js';
import { ones } from '../ops/create.js';
import type { Tensor } from '../ops/tensor.js';
import { ConfigReader, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape } from './layer.js';
import { formatSymbolicShape } from './layer.js';
import { Merge } from './merge.js';

/** Arguments of `layers.concatenate` (TF.js `ConcatenateLayerArgs`). */
export interface ConcatenateArgs extends LayerArgs {
  /** The axis to join along (default -1, the last). */
  axis?: number;
}

/**
 * Joins its inputs along `axis`; every other extent must match.
 * @example layers.concatenate({ axis: -1 }).apply([a, b])
 */
export class Concatenate extends Merge {
  static readonly className: string = 'Concatenate';
  readonly className: string = Concatenate.className;
  readonly axis: number;

  /** A Concatenate from its config as a model file spells it. */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Concatenate {
    const r = new ConfigReader(Concatenate.className, config);
    const axis = r.get('axis');
    if (axis !== undefined && !Number.isInteger(axis)) throw new Error(`Concatenate config: axis must be an integer, received axis=${JSON.stringify(axis)}`);
    return new Concatenate(put<ConcatenateArgs, 'axis'>(r.base(), 'axis', axis as number | undefined));
  }

  constructor(args: ConcatenateArgs = {}) {
    super('Concatenate', args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) throw new Error(`${this.name}: axis must be an integer. Received: axis=${String(args.axis)}`);
    this.axis = axis;
  }

  /** Keras: equal ranks, every extent but the axis equal (unknown matches anything); the axis extents add up. */
  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const shapes = this.shapesOf(inputShape);
    const rank = (shapes[0] as SymbolicShape).length;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    const bad = (): never => {
      throw new Error(`${this.name}: a Concatenate layer requires inputs with matching shapes except for the concatenation axis (axis=${this.axis}). Received shapes ${shapes.map(formatSymbolicShape).join(', ')}`);
    };
    if (axis < 0 || axis >= rank || shapes.some((s) => s.length !== rank)) bad();
    const out = (shapes[0] as SymbolicShape).slice();
    for (const s of shapes.slice(1)) {
      s.forEach((d, i) => {
        if (i === axis) out[i] = out[i] === null || d === null ? null : (out[i] as number) + d;
        else if (out[i] === null) out[i] = d;
        else if (d !== null && d !== out[i]) bad();
      });
    }
    return out;
  }

  override call(inputs: Tensor[], _ctx: CallContext): Tensor {
    return concat(inputs, this.axis < 0 ? this.axis + (inputs[0] as Tensor).rank : this.axis);
  }

  /**
   * Keras 3 `Concatenate.compute_mask`: an input without a mask counts as all kept; joined along
   * the time axis the masks are concatenated, joined along the features they are OR-ed (a step is
   * kept when some input keeps it). None when no input has a mask.
   */
  override mergeMask(inputs: Tensor[], masks: readonly (Tensor | null)[]): Tensor | null {
    if (masks.every((m) => m === null)) return null;
    const rank = (inputs[0] as Tensor).rank;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    const full = masks.map((m, i) => m ?? ones((inputs[i] as Tensor).shape.slice(0, -1), 'bool'));
    return axis === rank - 1 ? full.reduce((a, b) => logicalOr(a, b)) : concat(full, axis);
  }

  protected mergeFunction(inputs: Tensor[]): Tensor {
    return concat(inputs, this.axis);
  }

  protected override layerConfig(): ConfigDict {
    return { axis: this.axis };
  }
}
