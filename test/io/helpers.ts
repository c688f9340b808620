import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Sequential, Tensor } from '../../src/node.js';
import { layers, sequential, setRandomSeed, tensor2d } from '../../src/node.js';
import type { ModelArtifacts } from '../../src/io/index.js';
import { artifactsInfo, saveModel, withSaveHandler } from '../../src/io/index.js';

/** A fresh temporary directory, removed when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'samebits-io-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A model with every built-in layer that the file format carries: embedding → reshape →
 * permute → flatten → dense(relu) → dropout → dense → activation(softmax); 6 indices in, 3
 * probabilities out.
 */
export function fullModel(seed = 7): Sequential {
  setRandomSeed(seed);
  return sequential({
    layers: [
      layers.embedding({ inputDim: 10, outputDim: 4, inputLength: 6 }),
      layers.reshape({ targetShape: [4, 6] }),
      layers.permute({ dims: [2, 1] }),
      layers.flatten(),
      layers.dense({ units: 8, activation: 'relu' }),
      layers.dropout({ rate: 0.25 }),
      layers.dense({ units: 3 }),
      layers.activation({ activation: 'softmax' }),
    ],
  });
}

/** Index inputs for `fullModel`: `rows` rows of 6 indices in [0, 10). */
export function fullModelInput(rows = 5): Tensor {
  return tensor2d(Array.from({ length: rows }, (_, r) => Array.from({ length: 6 }, (_, c) => (r * 7 + c * 3) % 10)));
}

/** One-hot targets for `fullModelInput`. */
export function fullModelTargets(rows = 5): Tensor {
  return tensor2d(Array.from({ length: rows }, (_, r) => [0, 1, 2].map((c) => (c === r % 3 ? 1 : 0))));
}

/** The artifacts `saveModel` hands to a handler. */
export async function captureArtifacts(model: Sequential, includeOptimizer = false): Promise<ModelArtifacts> {
  let captured: ModelArtifacts | undefined;
  await saveModel(model, withSaveHandler(async (a) => {
    captured = a;
    return { modelArtifactsInfo: artifactsInfo(a) };
  }), { includeOptimizer });
  return captured as ModelArtifacts;
}

/** The bytes of a tensor's storage, to compare weights bit for bit. */
export function bytesOf(t: Tensor): number[] {
  const v = t.dataSync();
  return Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
}

/** Every weight of a model as bytes, in order. */
export function weightBytes(model: Sequential): number[][] {
  return model.getWeights().map(bytesOf);
}
