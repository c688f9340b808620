import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ConfigDict } from '../../src/initializers/index.js';
import type { LayerClass } from '../../src/layers/index.js';
import { BUILT_IN_LAYERS } from '../../src/layers/index.js';
import { tensor } from '../../src/ops/create.js';

/**
 * Keras 3 (3.15.1, TensorFlow backend) as the oracle: the get_config of each convolution layer
 * (Conv1D causal and dilated, Conv2D, channels_first, Conv2DTranspose, DepthwiseConv2D dilated,
 * SeparableConv2D) loads through the class's static fromConfig, and with Keras's weights gives
 * Keras's output on the same input within float32 tolerance. The fixture and the script that made
 * it are in test/fixtures/keras-conv/.
 */
interface KerasCase {
  title: string;
  class_name: string;
  config: ConfigDict;
  input_shape: number[];
  input: number[];
  weights: { shape: number[]; values: number[] }[];
  output_shape: number[];
  output: number[];
}

const path = fileURLToPath(new URL('../fixtures/keras-conv/keras-conv.json', import.meta.url));
const fixture = JSON.parse(readFileSync(path, 'utf8')) as { keras: string; cases: KerasCase[] };
const TOLERANCE = 1e-6;

describe(`Keras ${fixture.keras} convolution configs and outputs`, () => {
  it.each(fixture.cases)('$title', (c) => {
    const cls = BUILT_IN_LAYERS.find((l) => l.className === c.class_name) as Required<LayerClass>;
    expect(cls, c.class_name).toBeDefined();
    const layer = cls.fromConfig(cls, c.config);
    const x = tensor(Float32Array.from(c.input), c.input_shape);
    layer.apply(x);
    layer.setWeights(c.weights.map((w) => tensor(Float32Array.from(w.values), w.shape)));
    const y = layer.apply(x);
    expect(y.shape).toEqual(c.output_shape);
    let [worst, scale] = [0, 1e-30];
    c.output.forEach((v, i) => {
      worst = Math.max(worst, Math.abs((y.values[i] as number) - v));
      scale = Math.max(scale, Math.abs(v));
    });
    expect(worst / scale, 'max |SameBits − Keras| / max |Keras|').toBeLessThanOrEqual(TOLERANCE);
  });
});
