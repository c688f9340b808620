import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromPythonic } from '../../src/io/pythonic.js';
import { layers } from '../../src/layers/index.js';
import { sequential } from '../../src/models/index.js';
import type { Sequential } from '../../src/models/index.js';
import { Adam, optimizerFromConfig, scheduleFromConfig, schedules, train } from '../../src/optimizers/index.js';
import type { LearningRateSchedule } from '../../src/optimizers/index.js';
import type { ConfigDict } from '../../src/initializers/initializer.js';
import { ready, setBackend } from '../../src/kernels/index.js';
import { setRandomSeed } from '../../src/repro/seed.js';
import { tensor1d, variable } from '../../src/ops/create.js';
import type { Variable } from '../../src/ops/tensor.js';
import { bytesOf } from '../helpers/bits.js';
import { io, loadLayersModel } from '../../src/io/index.js';
import { captureArtifacts } from '../io/helpers.js';
import { randomTensor, xorshift } from '../helpers/rng.js';

interface Fixture {
  keras: string;
  steps: number[];
  cases: { class_name: string; config: ConfigDict; values: (number | string)[]; keras_config: ConfigDict }[];
}
// Keras 3 values, computed once by testdata/schedules-keras.py (float32, TensorFlow backend).
const fixture = JSON.parse(readFileSync(new URL('./testdata/schedules-keras.json', import.meta.url), 'utf8')) as Fixture;

/** Distance in float32 units in the last place (both values float32). */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  const bits = (v: number): number => {
    const u = new Uint32Array(new Float32Array([v]).buffer)[0] as number;
    return u >= 0x80000000 ? -(u - 0x80000000) : u;
  };
  return Math.abs(bits(a) - bits(b));
}

describe('learning-rate schedules', () => {
  it.each(fixture.cases.map((c, i) => [i, c.class_name, JSON.stringify(c.config)] as const))('case %i: %s %s agrees with Keras 3 within 4 float32 ulps at every step', (i) => {
    const c = fixture.cases[i] as Fixture['cases'][number];
    const schedule = scheduleFromConfig({ class_name: c.class_name, config: c.config });
    fixture.steps.forEach((step, k) => {
      const raw = c.values[k] as number | string;
      const keras = raw === 'inf' ? Infinity : (raw as number);
      const ours = schedule.valueAt(step);
      expect(Object.is(Math.fround(ours), ours), `step ${step}: float32`).toBe(true);
      expect(ulps(ours, keras), `step ${step}: ours ${ours}, Keras ${keras}`).toBeLessThanOrEqual(4);
    });
  });

  it('are exact where the formula is: staircase plateaus, piecewise values, cosine endpoints', () => {
    const stair = schedules.exponentialDecay({ initialLearningRate: 1, decaySteps: 10, decayRate: 0.5, staircase: true });
    expect([0, 9, 10, 19, 20, 35].map((s) => stair.valueAt(s))).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
    const piece = schedules.piecewiseConstantDecay({ boundaries: [2, 4], values: [3, 2, 1] });
    expect([0, 1, 2, 3, 4, 5, 99].map((s) => piece.valueAt(s))).toEqual([3, 3, 3, 2, 2, 1, 1]);
    const cosine = schedules.cosineDecay({ initialLearningRate: 0.5, decaySteps: 10, alpha: 0.25 });
    expect([cosine.valueAt(0), cosine.valueAt(10), cosine.valueAt(1000)]).toEqual([0.5, 0.125, 0.125]);
  });

  it('serialize in the Keras 3 form and read back Keras\'s own serialization', () => {
    for (const c of fixture.cases) {
      const ours = scheduleFromConfig({ class_name: c.class_name, config: c.config });
      const keras = scheduleFromConfig(c.keras_config); // with Keras's module and registered_name
      expect(keras.getConfig()).toEqual(ours.getConfig());
      const kc = (c.keras_config as { config: ConfigDict }).config;
      expect(ours.getConfig()).toEqual({ class_name: c.class_name, config: kc });
      const again = scheduleFromConfig(fromPythonic(JSON.parse(JSON.stringify(ours.getConfig())) as ConfigDict));
      fixture.steps.forEach((s) => expect(Object.is(again.valueAt(s), ours.valueAt(s))).toBe(true));
    }
  });

  it('refuse bad options, naming the option and the value', () => {
    expect(() => schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 })).toThrow('ExponentialDecay: decaySteps must be a finite number > 0, received 0');
    expect(() => schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10 } as never)).toThrow('ExponentialDecay: decayRate is required (a finite number >= 0), received undefined');
    expect(() => schedules.exponentialDecay({ initialLearningRate: NaN, decaySteps: 1, decayRate: 1 })).toThrow('ExponentialDecay: initialLearningRate must be a finite number >= 0, received NaN');
    expect(() => schedules.exponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 1, staircase: 'yes' as never })).toThrow('ExponentialDecay: staircase must be a boolean, received yes');
    expect(() => schedules.exponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: 1, decay: 2 } as never)).toThrow(/ExponentialDecay: Unknown option 'decay'/);
    expect(() => schedules.piecewiseConstantDecay({ boundaries: [10, 5], values: [1, 2, 3] })).toThrow('PiecewiseConstantDecay: boundaries must be an array of increasing integers (steps), received [10,5]');
    expect(() => schedules.piecewiseConstantDecay({ boundaries: [10], values: [1] })).toThrow('PiecewiseConstantDecay: values must have one more entry than boundaries, received boundaries=[10] (length 1) and values=[1] (length 1)');
    expect(() => schedules.cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, alpha: 2 })).toThrow('CosineDecay: alpha must be a number in [0, 1], received 2');
    expect(() => schedules.cosineDecay({ initialLearningRate: 0.1, decaySteps: 10 }).valueAt(-1)).toThrow('CosineDecay.valueAt: step must be an integer >= 0');
    expect(() => scheduleFromConfig({ class_name: 'ExponentialDecey', config: {} })).toThrow("Unknown learning-rate schedule 'ExponentialDecey'. Did you mean 'ExponentialDecay'?");
    expect(() => scheduleFromConfig(0.1)).toThrow('scheduleFromConfig: a learning-rate schedule must be a LearningRateSchedule or {class_name, config}, received 0.1');
  });
});

describe('optimizers with a schedule', () => {
  const decay = (): LearningRateSchedule => schedules.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 });

  it('use the schedule\'s value at the iteration count before each update (Keras: lr(iterations))', () => {
    const opt = train.sgd(decay());
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      seen.push(opt.learningRate);
      opt.apply([{ variable: variableOf([1]), gradient: randomTensor(xorshift(2), [1]) }]);
    }
    expect(seen).toEqual([0, 1, 2, 3].map((s) => decay().valueAt(s)));
    // One step of plain SGD with lr = schedule(0) equals the first scheduled step, bit for bit.
    const a = variableOf([1, 2]);
    const b = variableOf([1, 2]);
    const g = randomTensor(xorshift(3), [2]);
    train.sgd(decay()).apply([{ variable: a, gradient: g }]);
    train.sgd(decay().valueAt(0)).apply([{ variable: b, gradient: g }]);
    expect(bytesOf(a)).toEqual(bytesOf(b));
  });

  it('cannot have their learning rate set (as in Keras), and say why', () => {
    const opt = train.adam(decay());
    expect(() => { opt.learningRate = 0.5; }).toThrow('Adam: the learning rate follows a ExponentialDecay schedule, so it cannot be set (received 0.5)');
    expect(opt.learningRateSchedule?.className).toBe('ExponentialDecay');
  });

  it('write the schedule into the optimizer config in the Keras 3 form and read it back', () => {
    const opt = train.adam(decay());
    const config = opt.getConfig();
    expect(config['learningRate']).toEqual({ class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 2, decay_rate: 0.5, staircase: false, name: 'ExponentialDecay' } });
    const back = optimizerFromConfig('Adam', fromPythonic(JSON.parse(JSON.stringify(config)) as ConfigDict));
    expect(back.getConfig()).toEqual(config);
    const keras = new Adam({ learning_rate: { class_name: 'CosineDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, alpha: 0, name: 'CosineDecay', warmup_target: null, warmup_steps: 0 } } } as never);
    expect(keras.learningRateSchedule?.className).toBe('CosineDecay');
  });

  it('survive a model file: saved with includeOptimizer, the loaded model\'s optimizer has the same schedule', async () => {
    setRandomSeed(1);
    const m = sequential({ layers: [layers.dense({ units: 2, inputShape: [3] })] });
    m.compile({ optimizer: train.adam(schedules.piecewiseConstantDecay({ boundaries: [5, 9], values: [0.1, 0.01, 0.001] })), loss: 'meanSquaredError' });
    const artifacts = await captureArtifacts(m, true);
    const config = (artifacts.trainingConfig as { optimizer_config: { config: ConfigDict } }).optimizer_config.config;
    expect(config['learningRate']).toEqual({ class_name: 'PiecewiseConstantDecay', config: { boundaries: [5, 9], values: [0.1, 0.01, 0.001], name: 'PiecewiseConstant' } });
    const loaded = await loadLayersModel(io.fromMemory(artifacts));
    expect(loaded.optimizer?.getConfig()).toEqual(m.optimizer?.getConfig());
    expect(loaded.optimizer?.learningRateSchedule?.valueAt(7)).toBe(Math.fround(0.01));
  });

  async function trainWithSchedule(): Promise<Uint8Array[]> {
    setRandomSeed(5);
    const m: Sequential = sequential({ layers: [layers.dense({ units: 4, activation: 'tanh', inputShape: [3] }), layers.dense({ units: 1 })] });
    m.compile({ optimizer: train.adam(schedules.cosineDecay({ initialLearningRate: 0, decaySteps: 8, warmupTarget: 0.05, warmupSteps: 3 })), loss: 'meanSquaredError' });
    await m.fit(randomTensor(xorshift(7), [12, 3]), randomTensor(xorshift(8), [12, 1]), { epochs: 4, batchSize: 4, verbose: 0 });
    return m.weights.map((w) => bytesOf(w).slice());
  }

  it('train to the same bytes every run and on the reference and wasm kernels', async () => {
    const first = await trainWithSchedule();
    expect(await trainWithSchedule()).toEqual(first);
    setBackend('wasm');
    await ready();
    try {
      expect(await trainWithSchedule()).toEqual(first);
    } finally {
      setBackend('reference');
    }
  });
});

function variableOf(values: number[]): Variable {
  return variable(tensor1d(values));
}
