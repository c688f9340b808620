import { describe, expect, it } from 'vitest';
import type { ConfigDict } from '../../src/initializers/initializer.js';
import { buildModel, parseTopology, toPythonic } from '../../src/io/index.js';
import type { DenseArgs } from '../../src/layers/index.js';
import { BUILT_IN_LAYERS, Dense, Layer, layers } from '../../src/layers/index.js';
import { builtInLayerClassNames, layerFactory, registerClass } from '../../src/layers/registry.js';

describe('the layer registry is the list of classes', () => {
  it('every built-in class carries its className, a static fromConfig and weightShapes', () => {
    for (const cls of BUILT_IN_LAYERS) {
      expect(cls.prototype).toBeInstanceOf(Layer);
      expect(typeof cls.fromConfig).toBe('function');
      expect(typeof cls.prototype.weightShapes).toBe('function');
    }
    expect(builtInLayerClassNames()).toEqual(BUILT_IN_LAYERS.map((c) => c.className).sort());
  });

  it('a built-in class name from a file finds the class itself', () => {
    const config = toPythonic(layers.dense({ units: 2, name: 'reg_d' }).getConfig());
    expect(layerFactory('Dense').fromConfig(config)).toBeInstanceOf(Dense);
    expect(Dense.fromConfig(Dense, config).getConfig()).toEqual(layerFactory('Dense').fromConfig(config).getConfig());
  });

  it("a registered subclass of a built-in is built with new cls(config) from the TF.js-style config, not its parent's fromConfig", () => {
    class Dense2 extends Dense {
      static override readonly className: string = 'RegistryDense2';
      override readonly className: string = 'RegistryDense2';
      readonly extra: number;
      constructor(args: DenseArgs & { extra?: number }) {
        super(args);
        this.extra = args.extra ?? 0;
      }
    }
    registerClass(Dense2);
    const factory = layerFactory('RegistryDense2');
    expect(factory.configStyle).toBe('tfjs');
    const layer = factory.fromConfig({ units: 3, extra: 7 } as ConfigDict);
    expect(layer).toBeInstanceOf(Dense2);
    expect((layer as Dense2).extra).toBe(7);
  });

  it("the topology's weight plan counts what weightShapes declares", () => {
    const topology = {
      class_name: 'Sequential',
      config: { name: 'plan', layers: [
        { class_name: 'Embedding', config: { input_dim: 1000, output_dim: 8, batch_input_shape: [null, 4] } },
        { class_name: 'Flatten', config: {} },
        { class_name: 'Dense', config: { units: 10 } },
      ] },
    };
    // 1000·8 + (32·10 + 10) = 8330 weight values.
    expect(() => buildModel(parseTopology(topology), 8329)).toThrow(/the topology needs 8330 weight values \(layer 'embedding\w*' needs 8000\)/);
    expect(buildModel(parseTopology(topology), 8330).countParams()).toBe(8330);
  });
});
