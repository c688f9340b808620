import type { ConfigDict } from '../initializers/initializer.js';
import { add, concat, gather, mul } from '../ops/index.js';
import { Tensor } from '../ops/tensor.js';
import type { Variable } from '../ops/tensor.js';
import { failConfig, put } from './config-reader.js';
import type { CallContext, LayerArgs, LayerClass, LayerOutput, MultiOutputLayer, SymbolicShape, WeightShape } from './layer.js';
import { Layer, isShapeList } from './layer.js';
import { RNNBase } from './rnn-base.js';
import { readWrapped, wrappedConfig } from './wrapper-config.js';

/** How Bidirectional joins the two directions' outputs; `null` returns both. */
export type BidirectionalMergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;
const MERGE_MODES: readonly BidirectionalMergeMode[] = ['concat', 'sum', 'mul', 'ave', null];

/** Arguments of `layers.bidirectional`. */
export interface BidirectionalArgs extends LayerArgs {
  /** The recurrent layer to run in both directions (its config is copied for each). */
  layer: RNNBase;
  /** Default 'concat' (features of forward, then backward). */
  mergeMode?: BidirectionalMergeMode;
}

/**
 * Runs a recurrent layer forwards and a copy backwards over the sequence and merges the outputs
 * (Keras / TF.js `Bidirectional`). With returnSequences the backward outputs are put back in time
 * order first. With returnState: `[output(s)…, ...forwardStates, ...backwardStates]`. Weights:
 * `<name>/forward_<layer>/kernel`, … then the backward layer's, as TF.js names them.
 * @example layers.bidirectional({ layer: layers.lstm({ units: 8, returnSequences: true }), inputShape: [10, 4] })
 */
export class Bidirectional extends Layer implements MultiOutputLayer {
  /** `apply` may return several tensors (returnState, mergeMode null). */
  readonly multiOutput = true as const;
  static readonly className: string = 'Bidirectional';
  readonly className: string = Bidirectional.className;
  readonly layer: RNNBase;
  readonly mergeMode: BidirectionalMergeMode;
  readonly forwardLayer: RNNBase;
  readonly backwardLayer: RNNBase;

  /**
   * A Bidirectional from its config as a model file spells it.
   * @example Bidirectional.fromConfig(Bidirectional, { layer: { class_name: 'LSTM', config: { units: 4 } }, merge_mode: 'sum' })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Bidirectional {
    const { base, inner, reader } = readWrapped(Bidirectional.className, config);
    if (!(inner instanceof RNNBase)) failConfig(reader.cls, 'layer', inner.className, 'a recurrent layer (SimpleRNN, LSTM or GRU)');
    const mode = reader.config['merge_mode'];
    if (mode !== undefined && !MERGE_MODES.includes(mode as BidirectionalMergeMode)) failConfig(reader.cls, 'merge_mode', mode, "'concat', 'sum', 'mul', 'ave' or null");
    const args: BidirectionalArgs = { ...base, layer: inner };
    return new Bidirectional(put(args, 'mergeMode', mode as BidirectionalMergeMode | undefined));
  }

  constructor(args: BidirectionalArgs) {
    super('Bidirectional', args);
    if (!(args.layer instanceof RNNBase)) throw new Error(`${this.name}: layer must be a recurrent layer (simpleRNN, lstm or gru), received ${String((args.layer as Partial<Layer> | undefined)?.className ?? args.layer)}`);
    if (args.mergeMode !== undefined && !MERGE_MODES.includes(args.mergeMode)) throw new Error(`${this.name}: mergeMode must be 'concat', 'sum', 'mul', 'ave' or null. Received: mergeMode=${JSON.stringify(args.mergeMode)}`);
    this.layer = args.layer;
    this.mergeMode = args.mergeMode === undefined ? 'concat' : args.mergeMode;
    this.forwardLayer = args.layer.copyWith(`forward_${args.layer.name}`, args.layer.goBackwards);
    this.backwardLayer = args.layer.copyWith(`backward_${args.layer.name}`, !args.layer.goBackwards);
    this.supportsMasking = true;
  }

  private scopeChildren(): void {
    for (const [child, dir] of [[this.forwardLayer, 'forward'], [this.backwardLayer, 'backward']] as const) {
      child.weightScope = `${this.name}/${child.name}`;
      child.randomPath = `${this.randomPath}/${dir}`;
    }
  }

  override weightShapes(inputShape: SymbolicShape): WeightShape[] {
    return [this.forwardLayer, this.backwardLayer].flatMap((l) => l.weightShapes(inputShape).map((w) => ({ name: `${l.name}/${w.name}`, shape: w.shape })));
  }

  override build(inputShape: SymbolicShape): void {
    this.scopeChildren();
    this.forwardLayer.ensureBuilt(inputShape);
    this.backwardLayer.ensureBuilt(inputShape);
  }

  override get weights(): Variable[] {
    return [...this.forwardLayer.weights, ...this.backwardLayer.weights];
  }

  /** Both directions' weight penalties, forward first. */
  override regularizationLosses(): Tensor[] {
    return this.trainable ? [...this.forwardLayer.regularizationLosses(), ...this.backwardLayer.regularizationLosses()] : [];
  }

  /** Resets both directions' carried states (stateful layers). */
  resetStates(): void {
    this.forwardLayer.resetStates();
    this.backwardLayer.resetStates();
  }

  call(input: Tensor | Tensor[], ctx: CallContext): LayerOutput {
    if (Array.isArray(input)) throw new Error(`${this.name}: expected one input tensor [batch, time, features], received a list of ${input.length}`);
    this.scopeChildren();
    const f = this.forwardLayer.invokeAll(input, ctx);
    const b = this.backwardLayer.invokeAll(input, ctx);
    const [yf, ...statesF] = Array.isArray(f) ? f : [f];
    const [yb0, ...statesB] = Array.isArray(b) ? b : [b];
    let yb = yb0 as Tensor;
    if (this.layer.returnSequences) {
      const time = yb.shape[1] as number;
      yb = gather(yb, new Tensor(Int32Array.from({ length: time }, (_, i) => time - 1 - i), [time], 'int32'), 1);
    }
    const outputs = this.merge(yf as Tensor, yb);
    const all = [...outputs, ...statesF, ...statesB];
    return all.length === 1 ? (all[0] as Tensor) : all;
  }

  private merge(yf: Tensor, yb: Tensor): Tensor[] {
    switch (this.mergeMode) {
      case 'concat': return [concat([yf, yb], yf.rank - 1)];
      case 'sum': return [add(yf, yb)];
      case 'mul': return [mul(yf, yb)];
      case 'ave': return [mul(add(yf, yb), 0.5)];
      default: return [yf, yb];
    }
  }

  override computeMask(_input: Tensor | Tensor[], mask: Tensor | null): Tensor | null {
    return this.layer.returnSequences ? mask : null;
  }

  computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape | SymbolicShape[] {
    const out = this.forwardLayer.computeOutputShape(inputShape);
    const [y, ...states] = isShapeList(out) ? out : [out];
    const yShape = (y as SymbolicShape).slice();
    const outputs = this.mergeMode === null ? [yShape, yShape.slice()] : [this.mergeMode === 'concat' ? [...yShape.slice(0, -1), this.layer.units * 2] : yShape];
    const all = [...outputs, ...states, ...states.map((s) => s.slice())];
    return all.length === 1 ? (all[0] as SymbolicShape) : all;
  }

  protected layerConfig(): ConfigDict {
    return { merge_mode: this.mergeMode, layer: wrappedConfig(this.layer) };
  }
}
