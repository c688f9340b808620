import type { Tensor } from '../ops/tensor.js';
import type { Metric, MetricState } from './metric.js';

/** Which variant an `'accuracy'` (or `'crossentropy'`) metric resolves to. */
export type TargetKind = 'binary' | 'sparse' | 'categorical';

const KINDS: readonly TargetKind[] = ['binary', 'sparse', 'categorical'];

/** A tensor shape whose extents may be unknown (null), e.g. the batch axis of a model output. */
export type PartialShape = readonly (number | null)[];

/**
 * Keras 3's rule (`compile_utils.is_binary_or_sparse_categorical`), decided by shapes alone:
 * binary if ŷ's last extent is 1; else sparse if y has lower rank than ŷ, or y's last extent is
 * 1 while ŷ's is larger; else categorical. (TF.js decides by the loss function instead.)
 * @example targetKind([32], [32, 10]) // 'sparse'
 */
export function targetKind(yTrueShape: PartialShape, yPredShape: PartialShape): TargetKind {
  const predLast = yPredShape[yPredShape.length - 1];
  const trueLast = yTrueShape[yTrueShape.length - 1];
  if (predLast === 1) return 'binary';
  if (yTrueShape.length < yPredShape.length || (trueLast === 1 && predLast !== undefined && predLast !== null && predLast > 1)) return 'sparse';
  return 'categorical';
}

/**
 * A metric whose variant is chosen by `targetKind` from the shapes of the first batch it sees
 * (or up front, when `kind` is given), then kept: Keras builds its metric on the first batch too.
 */
export class ShapeResolvedMetric implements Metric {
  readonly name: string;
  private readonly make: (kind: TargetKind) => Metric;
  private inner: Metric | null = null;
  private chosen: TargetKind | null = null;

  constructor(name: string, make: (kind: TargetKind) => Metric, kind: TargetKind | null = null) {
    this.name = name;
    this.make = make;
    if (kind !== null) this.choose(kind);
  }

  /** The variant in use, or null until the first batch decides it. */
  get kind(): TargetKind | null {
    return this.chosen;
  }

  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    const inner = this.inner ?? this.choose(targetKind(yTrue.shape, yPred.shape));
    inner.update(yTrue, yPred, sampleWeight);
  }

  result(): number {
    return this.inner === null ? 0 : this.inner.result();
  }

  reset(): void {
    this.inner?.reset();
  }

  /** The inner metric's state, with the variant chosen (for checkpoints). */
  saveState(): MetricState {
    const inner = this.inner?.saveState?.() ?? {};
    return { ...inner, kind: this.chosen === null ? [] : [KINDS.indexOf(this.chosen)] };
  }

  /** Restores `saveState`'s result. */
  restoreState(state: MetricState): void {
    const [kind] = state['kind'] ?? [];
    if (kind === undefined) return;
    const inner = this.inner ?? this.choose(KINDS[kind] as TargetKind);
    inner.restoreState?.(state);
  }

  private choose(kind: TargetKind): Metric {
    this.chosen = kind;
    this.inner = this.make(kind);
    return this.inner;
  }
}
