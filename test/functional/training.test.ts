import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { input, layers } from '../../src/layers/index.js';
import { model } from '../../src/models/index.js';
import { add, matMul, mul, sum, tanh, variableGrads } from '../../src/ops/index.js';
import { tensor2d } from '../../src/ops/create.js';
import { Tensor } from '../../src/ops/tensor.js';
import type { Variable } from '../../src/ops/tensor.js';
import { key } from '../../src/random/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { expectSameBits } from '../helpers/bits.js';
import { twoInTwoOut, twoInTwoOutData } from './two-io.js';

const child = fileURLToPath(new URL('./train-child.ts', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

interface ChildResult { backend: string; threads: number; fingerprint: string; history: Record<string, number[]> }

function train(backend: string, threads: number): ChildResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, backend], { encoding: 'utf8', cwd: root, env: { ...process.env, SAMEBITS_THREADS: String(threads) } });
  return JSON.parse(out) as ChildResult;
}

describe('training a two-input, two-output model', () => {
  it('gives the same weight bytes and history in fresh processes, on reference and on wasm with 1 and 2 threads', () => {
    const first = train('reference', 1);
    const again = train('reference', 1);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(JSON.stringify(again.history)).toBe(JSON.stringify(first.history));
    for (const threads of [1, 2]) {
      const run = train('wasm', threads);
      expect([run.backend, run.threads]).toEqual(['wasm', threads]);
      expect(run.fingerprint).toBe(first.fingerprint);
      expect(JSON.stringify(run.history)).toBe(JSON.stringify(first.history));
    }
  }, 120_000);

  it('logs TF.js keys: loss, <output>_loss per output, <output>_<metric>, and val_ of each', async () => {
    setRandomSeed(3);
    const m = twoInTwoOut('_h');
    const { xa, xb, y1, y2 } = twoInTwoOutData(20);
    m.compile({ optimizer: 'sgd', loss: { out1_h: 'mse', out2_h: 'categoricalCrossentropy' }, metrics: ['mse'] });
    const h = await m.fit({ in_a_h: xa, in_b_h: xb }, [y1, y2], { epochs: 1, batchSize: 8, validationSplit: 0.2, verbose: 0 });
    // TF.js 4.22 (ran, same graph, metrics ['mse']): loss, out1_loss, out2_loss, out1_mse, out2_mse.
    expect(Object.keys(h.history)).toEqual(['val_loss', 'val_out1_h_loss', 'val_out2_h_loss', 'val_out1_h_mse', 'val_out2_h_mse', 'loss', 'out1_h_loss', 'out2_h_loss', 'out1_h_mse', 'out2_h_mse']);
    expect(h.params).toMatchObject({ metrics: ['loss', 'out1_h_loss', 'out2_h_loss', 'out1_h_mse', 'out2_h_mse', 'val_loss', 'val_out1_h_loss', 'val_out2_h_loss', 'val_out1_h_mse', 'val_out2_h_mse'] });
  });

  it('validates on validationData given as lists, with the same numbers as evaluate', async () => {
    setRandomSeed(4);
    const m = twoInTwoOut('_v');
    const { xa, xb, y1, y2 } = twoInTwoOutData(16);
    const valid = twoInTwoOutData(6);
    m.compile({ optimizer: 'sgd', loss: ['mse', 'categoricalCrossentropy'] });
    const h = await m.fit([xa, xb], [y1, y2], { epochs: 1, batchSize: 4, verbose: 0, validationData: [[valid.xa, valid.xb], [valid.y1, valid.y2]] });
    const evaluated = (m.evaluate([valid.xa, valid.xb], [valid.y1, valid.y2]) as Tensor[]).map((t) => t.values[0] as number);
    expectSameBits([h.history['val_loss']?.[0] ?? NaN, h.history['val_out1_v_loss']?.[0] ?? NaN, h.history['val_out2_v_loss']?.[0] ?? NaN], evaluated);
  });

  it('refuses targets for the wrong number of outputs, naming them', async () => {
    const m = twoInTwoOut('_t');
    const { xa, xb, y1 } = twoInTwoOutData(4);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    await expect(m.fit([xa, xb], [y1], { verbose: 0 })).rejects.toThrow('two_io_t.fit: y is a list of 1 arrays, but the model has 2 outputs (out1_t, out2_t); expected one array per output');
    expect(() => m.compile({ optimizer: 'sgd', loss: ['mse'] })).toThrow('two_io_t.compile: loss is a list of 1, but the model has 2 outputs (out1_t, out2_t); give one per output, or one for all');
    expect(() => m.compile({ optimizer: 'sgd', loss: { out3: 'mse' } })).toThrow("two_io_t.compile: loss names 'out3', which is not an output; the outputs are out1_t, out2_t");
  });

  it('refuses classWeight for several outputs (it reads classes from one target)', async () => {
    const m = twoInTwoOut('_cw');
    const { xa, xb, y1, y2 } = twoInTwoOutData(4);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    await expect(m.fit([xa, xb], [y1, y2], { verbose: 0, classWeight: { 0: 1, 1: 2 } })).rejects.toThrow('two_io_cw.fit: classWeight needs a model with one output; two_io_cw has 2 (out1_cw, out2_cw); use sampleWeight instead');
  });

  it('evaluates to [loss, per-output losses, metrics], the loss the weighted sum of the output losses', () => {
    setRandomSeed(3);
    const m = twoInTwoOut('_e');
    const { xa, xb, y1, y2 } = twoInTwoOutData(12);
    m.compile({ optimizer: 'sgd', loss: ['mse', 'categoricalCrossentropy'], lossWeights: { out1_e: 2, out2_e: 0.5 }, metrics: [['mae'], []] });
    const [loss, l1, l2, mae] = (m.evaluate([xa, xb], [y1, y2], { batchSize: 5 }) as Tensor[]).map((t) => t.values[0] as number);
    expect(mae).toBeGreaterThan(0);
    expect(loss).toBeCloseTo(2 * (l1 as number) + 0.5 * (l2 as number), 5);
    const again = (m.evaluate([xa, xb], [y1, y2], { batchSize: 12 }) as Tensor[]).map((t) => t.values[0] as number);
    expectSameBits(again, [loss as number, l1 as number, l2 as number, mae as number]);
  });
});

describe('a shared layer', () => {
  it('sums its uses\' gradients in reverse order of execution: ((g₃ + g₂) + g₁)', () => {
    setRandomSeed(5);
    const x = input({ shape: [3] });
    const shared = layers.dense({ units: 3, activation: 'tanh', useBias: false, name: 'shared_g' });
    const m = model({ inputs: x, outputs: shared.apply(shared.apply(shared.apply(x))) });
    const data = tensor2d([[0.3, -0.7, 0.2], [1.1, 0.4, -0.9]]);
    const dy = tensor2d([[0.5, -1, 0.25], [2, 0.125, -0.75]]);
    const w = shared.weights[0] as Variable;
    const ctx = { training: true, step: 0, seedKey: key(5) };
    const whole = variableGrads(() => sum(mul(m.forwardAll([data], ctx)[0] as Tensor, dy)), [w]).grads[w.name] as Tensor;
    // Use k's contribution alone: the same forward with the other two uses reading a constant copy.
    const constant = new Tensor(Float32Array.from(w.values), w.shape, 'float32');
    const perUse = [0, 1, 2].map((k) => variableGrads(() => {
      let h: Tensor = data;
      for (let use = 0; use < 3; use++) h = tanh(matMul(h, use === k ? w : constant));
      return sum(mul(h, dy));
    }, [w]).grads[w.name] as Tensor);
    // The tape visits the last use first, so the sum is ((g₃ + g₂) + g₁).
    const [g1, g2, g3] = perUse as [Tensor, Tensor, Tensor];
    expectSameBits(whole.values, add(add(g3, g2), g1).values);
    // With these values the other order gives other bits, so the test tells the orders apart.
    const other = add(add(g1, g2), g3).values;
    expect(Array.from(whole.values).some((v, i) => v !== other[i])).toBe(true);
  });
});
