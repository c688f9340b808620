import { afterAll, describe, expect, it } from 'vitest';
import type { Layer } from '../../src/node.js';
import { fingerprint, layers, ready, sequential, setBackend, setRandomSeed, setThreads, tensor } from '../../src/node.js';

/**
 * DESIGN.md: the kernel set and the thread count change only speed. Models whose gradients flow
 * through every pooling and spatial layer train to the same weight bytes on the reference set
 * and on the wasm set with 1 and 2 threads.
 */

function data(shape: number[], classes: number): { x: ReturnType<typeof tensor>; y: ReturnType<typeof tensor> } {
  const n = shape[0] as number;
  const size = shape.reduce((p, d) => p * d, 1);
  const x = Float32Array.from({ length: size }, (_, i) => ((i * 2654435761) % 9973) / 9973 - 0.5);
  const y = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) y[i * classes + ((i * 7) % classes)] = 1;
  return { x: tensor(x, shape), y: tensor(y, [n, classes]) };
}

/** A dense layer per pixel first, so that every later layer's gradient is needed. */
function images(): Layer[] {
  return [
    layers.dense({ units: 5, activation: 'tanh', inputShape: [9, 7, 3] }),
    layers.maxPooling2d({ poolSize: [3, 2], strides: [2, 1], padding: 'same' }),
    layers.zeroPadding2d({ padding: [[1, 0], [0, 2]] }),
    layers.averagePooling2d({ poolSize: 3, strides: 1, padding: 'same' }),
    layers.cropping2D({ cropping: [[0, 1], [1, 0]] }),
    layers.upSampling2d({ size: [1, 2] }),
    layers.upSampling2d({ size: [2, 1], interpolation: 'bilinear' }),
    layers.maxPooling2d({ poolSize: [2, 1] }),
    layers.maxPooling2d({ dataFormat: 'channelsFirst' }),
    layers.averagePooling2d({ poolSize: 2 }),
    layers.globalMaxPooling2d({ keepdims: true }),
    layers.globalAveragePooling2d(),
    layers.dense({ units: 3, activation: 'softmax' }),
  ];
}

function sequences(): Layer[] {
  return [
    layers.dense({ units: 6, activation: 'tanh', inputShape: [13, 2] }),
    layers.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }),
    layers.averagePooling1d({ poolSize: 2, strides: 1 }),
    layers.globalMaxPooling1d(),
    layers.repeatVector({ n: 4 }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 3, activation: 'softmax' }),
  ];
}

async function train(make: () => Layer[], shape: number[], backend: 'reference' | 'wasm', threads: number): Promise<string> {
  expect(setBackend(backend)).toBe(true);
  setThreads(threads);
  await ready();
  setRandomSeed(11);
  const model = sequential({ layers: make() });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const { x, y } = data(shape, 3);
  await model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0 });
  return fingerprint(model);
}

describe('pooling and spatial layers: kernel sets and threads change only speed', () => {
  afterAll(() => { setBackend('wasm'); });
  for (const [name, make, shape] of [['images', images, [48, 9, 7, 3]], ['sequences', sequences, [48, 13, 2]]] as const) {
    it(`${name}: the same weight bytes after training on reference and on wasm with 1 and 2 threads`, async () => {
      const prints = [await train(make, [...shape], 'reference', 1), await train(make, [...shape], 'wasm', 1), await train(make, [...shape], 'wasm', 2)];
      expect(new Set(prints).size).toBe(1);
    });
  }
});
