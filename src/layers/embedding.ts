import type { ConfigDict } from '../initializers/initializer.js';
import type { Initializer } from '../initializers/initializer.js';
import type { InitializerIdentifier } from '../initializers/index.js';
import { getInitializer, serializeInitializer } from '../initializers/index.js';
import { gather, notEqual, reshape } from '../ops/index.js';
import { Tensor } from '../ops/tensor.js';
import type { Variable } from '../ops/tensor.js';
import { ConfigReader, put } from './config-reader.js';
import type { Constraint, ConstraintIdentifier } from './constraints.js';
import { getConstraint, serializeConstraint } from './constraints.js';
import type { Regularizer, RegularizerIdentifier } from './regularizers.js';
import { getRegularizer, serializeRegularizer } from './regularizers.js';
import type { CallContext, LayerArgs, LayerClass, SymbolicShape, WeightShape } from './layer.js';
import { Layer } from './layer.js';

/** Arguments of `layers.embedding`. */
export interface EmbeddingArgs extends LayerArgs {
  /** Vocabulary size: indices run over [0, inputDim). */
  inputDim: number;
  /** Size of each embedding vector. */
  outputDim: number;
  /** Default randomUniform(±0.05), as in both Keras and TF.js. */
  embeddingsInitializer?: InitializerIdentifier;
  /** Index 0 is padding: its timesteps are masked for the recurrent layers after (default false). */
  maskZero?: boolean;
  /** Length of input sequences, when constant. */
  inputLength?: number;
  /** Penalty on the embeddings matrix, added to the training loss. */
  embeddingsRegularizer?: RegularizerIdentifier | null;
  /** Penalty on the output, per batch divided by the batch size (Keras 3). */
  activityRegularizer?: RegularizerIdentifier | null;
  /** Projection of the embeddings matrix after each update. */
  embeddingsConstraint?: ConstraintIdentifier | null;
}

/**
 * Maps integer indices to dense vectors: [batch, …] → [batch, …, outputDim].
 * @example layers.embedding({ inputDim: 1000, outputDim: 16, inputLength: 20 })
 */
export class Embedding extends Layer {
  static readonly className: string = 'Embedding';
  readonly className: string = Embedding.className;
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly maskZero: boolean;
  readonly inputLength: number | null;
  readonly embeddingsRegularizer: Regularizer | null;
  readonly embeddingsConstraint: Constraint | null;
  private embeddings: Variable | undefined;

  /**
   * An Embedding from its config as a model file spells it.
   * @example Embedding.fromConfig(Embedding, { input_dim: 1000, output_dim: 16 })
   */
  static fromConfig(_cls: LayerClass, config: ConfigDict): Embedding {
    const r = new ConfigReader(Embedding.className, config);
    r.unsupported(['quantization_config', 'lora_rank', 'sparse']);
    const args: EmbeddingArgs = { ...r.base(), inputDim: r.requiredInt('input_dim', 1), outputDim: r.requiredInt('output_dim', 1) };
    put(args, 'embeddingsRegularizer', r.regularizer('embeddings_regularizer'));
    put(args, 'activityRegularizer', r.regularizer('activity_regularizer'));
    put(args, 'embeddingsConstraint', r.constraint('embeddings_constraint'));
    put(args, 'embeddingsInitializer', r.initializer('embeddings_initializer'));
    put(args, 'maskZero', r.bool('mask_zero'));
    return new Embedding(put(args, 'inputLength', r.int('input_length', 1)));
  }

  constructor(args: EmbeddingArgs) {
    super('Embedding', args.inputLength !== undefined && args.inputShape === undefined && args.batchInputShape === undefined ? { ...args, inputShape: [args.inputLength] } : args);
    for (const [name, value] of [['inputDim', args.inputDim], ['outputDim', args.outputDim]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`${this.name}: ${name} must be a positive integer. Received: ${name}=${String(value)}`);
    }
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.embeddingsInitializer = getInitializer(args.embeddingsInitializer ?? 'randomUniform');
    this.maskZero = args.maskZero ?? false;
    this.inputLength = args.inputLength ?? null;
    this.embeddingsRegularizer = getRegularizer(args.embeddingsRegularizer);
    this.activityRegularizer = getRegularizer(args.activityRegularizer);
    this.embeddingsConstraint = getConstraint(args.embeddingsConstraint);
  }

  override weightShapes(_inputShape: SymbolicShape): WeightShape[] {
    return [{ name: 'embeddings', shape: [this.inputDim, this.outputDim] }];
  }

  override build(inputShape: SymbolicShape): void {
    const [embeddings] = this.weightShapes(inputShape) as [WeightShape];
    this.embeddings = this.addWeight(embeddings.name, embeddings.shape, this.embeddingsInitializer, true, this.embeddingsRegularizer, this.embeddingsConstraint);
  }

  call(x: Tensor, _ctx: CallContext): Tensor {
    const flat = x.values;
    const indices = new Int32Array(flat.length);
    for (let i = 0; i < flat.length; i++) {
      const v = flat[i] as number;
      if (!Number.isInteger(v) || v < 0 || v >= this.inputDim) {
        throw new Error(`${this.name}: input element ${i} is ${v}; expected integer indices in [0, ${this.inputDim - 1}] (inputDim=${this.inputDim})`);
      }
      indices[i] = v;
    }
    const rows = gather(this.embeddings as Variable, new Tensor(indices, [indices.length], 'int32'));
    return reshape(rows, [...x.shape, this.outputDim]);
  }

  /** With maskZero, true where the index is not 0 (Keras `compute_mask`); none otherwise. */
  override computeMask(input: Tensor | Tensor[], _mask: Tensor | null): Tensor | null {
    return this.maskZero ? notEqual(Array.isArray(input) ? (input[0] as Tensor) : input, 0) : null;
  }

  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return [...inputShape, this.outputDim];
  }

  protected layerConfig(): ConfigDict {
    return {
      input_dim: this.inputDim,
      output_dim: this.outputDim,
      embeddings_initializer: serializeInitializer(this.embeddingsInitializer),
      embeddings_regularizer: serializeRegularizer(this.embeddingsRegularizer),
      activity_regularizer: serializeRegularizer(this.activityRegularizer),
      embeddings_constraint: serializeConstraint(this.embeddingsConstraint),
      mask_zero: this.maskZero,
      input_length: this.inputLength,
    };
  }
}
