import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { functionalToJSON, modelFromJSON } from '../../src/io/index.js';
import { LayersModel } from '../../src/models/index.js';
import { tensor, tensor2d } from '../../src/ops/create.js';
import type { Tensor } from '../../src/ops/tensor.js';
import { train } from '../../src/optimizers/index.js';
import { maxRelativeDifference } from '../peer/harness.js';
import { twoInTwoOut } from './two-io.js';

/** Oracle values from Keras 3 (test/fixtures/keras3-functional/make.py wrote them). */
interface Fixture {
  config: unknown;
  weights: { name: string; shape: number[]; values: number[] }[];
  inputs: number[][][];
  predictions: number[][][];
  summaries: Record<string, string>;
  training: { xa: number[][]; xb: number[][]; y1: number[][]; y2: number[][]; history: Record<string, number[]> };
}

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/keras3-functional/keras3-functional.json', import.meta.url)), 'utf8')) as Fixture;

describe('a Keras 3 functional model (class Functional, dict-form inbound_nodes)', () => {
  it('loads with the same graph and, given the Keras weights, predicts what Keras predicts within float32 tolerance', () => {
    const m = modelFromJSON<LayersModel>(fixture.config);
    expect(m).toBeInstanceOf(LayersModel);
    expect(m.name).toBe('two_io');
    expect(m.layers.map((l) => l.name)).toEqual(['in_a', 'in_b', 'pa', 'pb', 'shared', 'cat', 'drop', 'add', 'out1', 'out2']);
    expect(m.weights.map((w) => w.name)).toEqual(fixture.weights.map((w) => w.name));
    m.setWeights(fixture.weights.map((w) => tensor(w.values, w.shape)));
    const out = m.predict(fixture.inputs.map((x) => tensor2d(x))) as Tensor[];
    expect(out).toHaveLength(2);
    expect(fixture.predictions).toHaveLength(2);
    out.forEach((t, i) => {
      const expected = (fixture.predictions[i] as number[][]).flat();
      expect(t.values.length, `output ${i}: every element compared`).toBe(expected.length);
      t.values.forEach((v, j) => expect(Math.abs(v - (expected[j] as number))).toBeLessThanOrEqual(1e-6));
    });
  });

  it('saves back in the TF.js list form that names the same calls', () => {
    const m = modelFromJSON<LayersModel>(fixture.config);
    const layersJSON = (functionalToJSON(m).config as unknown as { layers: { name: string; inbound_nodes: unknown }[] }).layers;
    expect(layersJSON.find((l) => l.name === 'cat')?.inbound_nodes).toEqual([[['shared', 0, 0, {}], ['shared', 1, 0, {}]]]);
    expect(layersJSON.find((l) => l.name === 'shared')?.inbound_nodes).toEqual([[['pa', 0, 0, {}]], [['pb', 0, 0, {}]]]);
  });
});

describe('training with lossWeights (TF.js ignores them; Keras 3 is the oracle)', () => {
  it('reaches the losses Keras reaches from the same weights: total Σ wᵢ·lossᵢ, per-output losses unweighted', async () => {
    const config = JSON.parse(JSON.stringify(fixture.config)) as { config: { layers: { name: string; config: { rate?: number } }[] } };
    const drop = config.config.layers.find((l) => l.name === 'drop');
    if (drop) drop.config.rate = 0; // make.py trains with the rate set to 0 too
    const m = modelFromJSON<LayersModel>(config);
    m.setWeights(fixture.weights.map((w) => tensor(w.values, w.shape)));
    m.compile({ optimizer: train.sgd(0.1), loss: ['meanSquaredError', 'categoricalCrossentropy'], lossWeights: [1, 0.5] });
    const t = fixture.training;
    const h = await m.fit([tensor2d(t.xa), tensor2d(t.xb)], [tensor2d(t.y1), tensor2d(t.y2)], { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
    for (const [k, theirs] of [['loss', 'loss'], ['out1_loss', 'out1_loss'], ['out2_loss', 'out2_loss']] as const) {
      expect(maxRelativeDifference(h.history[k] as number[], t.history[theirs] as number[]), k).toBeLessThanOrEqual(1e-5);
    }
  });
});

describe('the summary of a functional model', () => {
  for (const width of ['108', '90']) {
    it(`is Keras 3's, with the Connected to column, ${width} wide`, () => {
      const lines: string[] = [];
      twoInTwoOut().summary(width === '108' ? undefined : Number(width), undefined, (line) => lines.push(line));
      // Keras's print_fn receives a last empty line; the Sequential summary leaves it out too.
      expect(lines.join('\n')).toBe(fixture.summaries[width]?.replace(/\n$/, ''));
    });
  }
});
