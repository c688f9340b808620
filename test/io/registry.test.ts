import { describe, expect, it } from 'vitest';
import type { ConfigDict, LayerArgs, SymbolicShape, Tensor } from '../../src/node.js';
import type { CallContext } from '../../src/layers/index.js';
import { Layer, initializers, layers, mul, sequential, setRandomSeed, tensor2d } from '../../src/node.js';
import type { Variable } from '../../src/node.js';
import { builtInLayerClassNames, io, layerFactory, loadLayersModel, serialization, toPythonic } from '../../src/io/index.js';
import { bytesOf, captureArtifacts, weightBytes } from './helpers.js';

/** A layer of the user's own, in TF.js style: camelCase config, static className. */
interface ScaleArgs extends LayerArgs {
  initialScale?: number;
}

class Scale extends Layer {
  static readonly className: string = 'Scale';
  readonly className: string = 'Scale';
  readonly initialScale: number;
  private scale: Variable | undefined;
  constructor(args: ScaleArgs = {}) {
    super('Scale', args);
    this.initialScale = args.initialScale ?? 1;
  }
  override build(inputShape: SymbolicShape): void {
    this.scale = this.addWeight('scale', [inputShape[inputShape.length - 1] as number], initializers.constant({ value: this.initialScale }));
  }
  call(x: Tensor, _ctx: CallContext): Tensor {
    return mul(x, this.scale as Variable);
  }
  computeOutputShape(inputShape: SymbolicShape): SymbolicShape {
    return inputShape;
  }
  protected layerConfig(): ConfigDict {
    return { initialScale: this.initialScale };
  }
}

describe('built-in layers come back from their saved config', () => {
  setRandomSeed(1);
  const cases = [
    layers.dense({ units: 3, activation: 'hardSigmoid', useBias: false, kernelInitializer: 'heNormal', inputShape: [5], name: 'd1' }),
    layers.dense({ units: 2, kernelInitializer: initializers.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'untruncatedNormal', seed: 9 }), trainable: false }),
    layers.dropout({ rate: 0.3, noiseShape: [null, 1], seed: 42 }),
    layers.embedding({ inputDim: 7, outputDim: 2, maskZero: true, inputLength: 3, embeddingsInitializer: initializers.randomNormal({ stddev: 0.1 }) }),
    layers.reshape({ targetShape: [-1, 2] }),
    layers.permute({ dims: [3, 1, 2] }),
    layers.activation({ activation: 'logSoftmax' }),
    layers.flatten({ batchInputShape: [4, 2, 2] }),
    layers.inputLayer({ inputShape: [2, 3] }),
  ];
  for (const layer of cases) {
    it(`${layer.className} '${layer.name}': getConfig → file spelling → fromConfig → the same getConfig`, () => {
      const file = toPythonic(layer.getConfig());
      const copy = layerFactory(layer.className).fromConfig(file);
      expect(copy.constructor).toBe(layer.constructor);
      expect(copy.getConfig()).toEqual(layer.getConfig());
    });
  }

  it('the file holds the pythonic initializer form, as TF.js convertTsToPythonic writes it', () => {
    const config = toPythonic((cases[1] as Layer).getConfig());
    expect(config['kernel_initializer']).toEqual({ class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_out', distribution: 'untruncated_normal', seed: 9 } });
    expect(toPythonic((cases[0] as Layer).getConfig())['activation']).toBe('hard_sigmoid');
  });

  it('the registry is an explicit table of the built-in layers', () => {
    expect(builtInLayerClassNames()).toEqual([
      'Activation', 'Add', 'AlphaDropout', 'Average', 'AveragePooling1D', 'AveragePooling2D', 'BatchNormalization', 'Bidirectional',
      'Concatenate', 'Conv1D', 'Conv2D', 'Conv2DTranspose', 'Cropping2D', 'Dense', 'DepthwiseConv2D', 'Dot',
      'Dropout', 'ELU', 'Embedding', 'Flatten', 'GRU', 'GaussianDropout', 'GaussianNoise', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D',
      'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'InputLayer', 'LSTM', 'LayerNormalization', 'LeakyReLU', 'Masking', 'MaxPooling1D', 'MaxPooling2D',
      'Maximum', 'Minimum', 'Multiply', 'PReLU', 'Permute', 'ReLU', 'RepeatVector', 'Reshape', 'SeparableConv2D', 'SimpleRNN',
      'Softmax', 'SpatialDropout1D', 'SpatialDropout2D', 'Subtract', 'ThresholdedReLU', 'TimeDistributed', 'UpSampling2D', 'ZeroPadding2D',
    ]);
  });
});

describe('serialization.registerClass', () => {
  it('an unknown class is named, with how to register it', () => {
    expect(() => layerFactory('Scale2')).toThrow(/Unknown layer class 'Scale2'\. Built-in layers: Activation, .*Dense.*serialization\.registerClass\(Scale2\)/);
  });

  it('a registered class saves and loads, its config in TF.js spelling, weights bit for bit', async () => {
    expect(serialization.registerClass(Scale)).toBe(Scale);
    setRandomSeed(3);
    const model = sequential({ layers: [layers.dense({ units: 2, inputShape: [3] }), new Scale({ initialScale: 0.5 })] });
    const artifacts = await captureArtifacts(model);
    const saved = (artifacts.modelTopology as { config: { layers: { class_name: string; config: ConfigDict }[] } }).config.layers[1];
    expect(saved).toEqual({ class_name: 'Scale', config: { initial_scale: 0.5, name: model.layers[1]?.name, trainable: true } });
    const loaded = await loadLayersModel(io.fromMemory(artifacts));
    expect(loaded.layers[1]).toBeInstanceOf(Scale);
    expect((loaded.layers[1] as Scale).initialScale).toBe(0.5);
    expect(weightBytes(loaded)).toEqual(weightBytes(model));
    const x = tensor2d([[1, 2, 3]]);
    expect(bytesOf(loaded.predict(x))).toEqual(bytesOf(model.predict(x)));
  });

  it('a static fromConfig(cls, config) is used when the class has one', async () => {
    const seen: ConfigDict[] = [];
    class Doubler extends Scale {
      static override readonly className: string = 'Doubler';
      override readonly className: string = 'Doubler';
      static fromConfig(cls: typeof Doubler, config: ConfigDict): Doubler {
        seen.push(config);
        return new cls({ ...(config as ScaleArgs), initialScale: 2 });
      }
    }
    serialization.registerClass(Doubler);
    const model = sequential({ layers: [new Doubler({ initialScale: 3, inputShape: [2] })] });
    const artifacts = await captureArtifacts(model);
    const loaded = await loadLayersModel(io.fromMemory(artifacts));
    expect((loaded.layers[0] as Doubler).initialScale).toBe(2);
    expect(weightBytes(loaded)).toEqual(weightBytes(model));
    expect(seen[0]).toMatchObject({ initialScale: 3, batchInputShape: [null, 2], dtype: 'float32' });
  });

  it('refuses what is not a layer class, a class without className, and built-in names', () => {
    expect(() => serialization.registerClass(class {} as never)).toThrow(/expected a subclass of Layer/);
    class Anonymous extends Scale {}
    Object.defineProperty(Anonymous, 'className', { value: undefined });
    expect(() => serialization.registerClass(Anonymous)).toThrow(/needs a static className/);
    class Dense2 extends Scale {
      static override readonly className: string = 'Dense';
    }
    expect(() => serialization.registerClass(Dense2)).toThrow(/'Dense' is a built-in layer class/);
  });
});
