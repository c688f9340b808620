/**
 * The training workloads of the speed issue, on every system in alternating rounds: the MLP
 * 784 → 128 relu → 10 softmax (Adam, categorical cross-entropy) trained with model.fit at batch
 * 32 and 256 and predicting at batch 256, and the tiny 2-3-1 network trained at batch 1.
 */

import { buildNet, initialWeights, type Net, type NetData, type NetSpec } from './nets.js';
import type { System, SystemName } from './systems.js';
import { measureRounds, type RoundsResult } from './timing.js';
import { mnistLike, xorData } from './training-data.js';
import { maxAbsDiff, type WorkloadRow } from './workload.js';
import { fmtDiff } from './table.js';

/** Sizes of the MLP workloads (smaller under --quick). */
export interface MlpSizes {
  samples: number;
  features: number;
  hidden: number;
  classes: number;
  /** Timed rounds per workload (each round runs every system once). */
  rounds: number;
  /** Epochs of the XOR data per timed fit of the tiny network (4 steps of batch 1 per epoch). */
  tinyEpochs: number;
  tinyRounds: number;
}

/** The MLP of the speed issue. */
export function mlpSpec(sizes: MlpSizes): NetSpec {
  return {
    inputs: sizes.features,
    layers: [{ units: sizes.hidden, activation: 'relu' }, { units: sizes.classes, activation: 'softmax' }],
    optimizer: 'adam', learningRate: 0.001, loss: 'categoricalCrossentropy',
  };
}

/** The tiny network of the "weights before and after" example, 2-3-1 on XOR, SGD and mse. */
export const TINY_SPEC: NetSpec = {
  inputs: 2,
  layers: [{ units: 3, activation: 'sigmoid' }, { units: 1, activation: 'linear' }],
  optimizer: 'sgd', learningRate: 0.1, loss: 'meanSquaredError',
};

const SEED = 2024;

/** The MLP data of the speed issue, generated once and shared by every system. */
export function mlpData(sizes: MlpSizes): NetData {
  return mnistLike(sizes.samples, sizes.features, sizes.classes, 0x3a7a);
}

/**
 * Runs the MLP and tiny-network workloads on `systems`; every system starts from the same
 * initial weights (SameBits's, under one seed) on the same data.
 */
export async function runMlpBench(systems: readonly System[], sizes: MlpSizes, log: (line: string) => void): Promise<WorkloadRow[]> {
  const spec = mlpSpec(sizes);
  const data = mlpData(sizes);
  const weights = initialWeights(spec, SEED);
  const nets = new Map<SystemName, Net>();
  for (const system of systems) {
    await system.activate();
    // Warm-up: one epoch and a prediction on the first rows, so JIT and backend set-up are done.
    const rows = Math.min(sizes.samples, 256);
    const warm = buildNet(system, spec, weights, { x: data.x.subarray(0, rows * sizes.features), y: data.y.subarray(0, rows * sizes.classes) });
    await warm.fit(32, 1);
    warm.predict(256);
    warm.dispose();
    nets.set(system.name, buildNet(system, spec, weights, data));
  }
  const net = (s: System): Net => nets.get(s.name) as Net;
  const activate = (s: System): Promise<void> => s.activate();
  const rows: WorkloadRow[] = [];

  // Prediction first, while every system still holds the same initial weights.
  const outputs = new Map<SystemName, Float32Array>();
  const predict = await measureRounds(systems, 0, sizes.rounds, activate, (s) => {
    const r = net(s).predict(256);
    outputs.set(s.name, r.out);
    return Promise.resolve(r.seconds);
  });
  rows.push(row('MLP predict, batch 256', 'samples/s', systems, predict, sizes.samples, agreement(outputs)));
  log(`  MLP predict: ${summary(systems, predict)}`);

  for (const batch of [32, 256]) {
    const losses = new Map<SystemName, number>();
    const fit = await measureRounds(systems, 0, sizes.rounds, activate, async (s) => {
      const r = await net(s).fit(batch, 1);
      losses.set(s.name, r.loss);
      return r.seconds;
    });
    const lossText = `last-epoch loss ${systems.map((s) => (losses.get(s.name) ?? NaN).toFixed(4)).join('/')}`;
    rows.push(row(`MLP fit, batch ${batch}`, 'samples/s', systems, fit, sizes.samples, lossText));
    log(`  MLP fit batch ${batch}: ${summary(systems, fit)}`);
  }
  const sameBits = systems.filter((s) => s.library === 'samebits').map((s) => net(s).weights());
  if (sameBits.length === 2) {
    const same = (sameBits[0] as Float32Array[]).every((w, i) => sameBitsOf(w, (sameBits[1] as Float32Array[])[i] as Float32Array));
    (rows.at(-1) as WorkloadRow).check += same ? '; SB wasm = ref weights, bit for bit' : '; SB wasm ≠ ref weights (MISMATCH)';
  }
  for (const n of nets.values()) n.dispose();

  rows.push(await runTinyBench(systems, sizes, log));
  return rows;
}

/** The 2-3-1 network on XOR, batch 1: steps per second of model.fit over several epochs. */
async function runTinyBench(systems: readonly System[], sizes: MlpSizes, log: (line: string) => void): Promise<WorkloadRow> {
  const data = xorData();
  const weights = initialWeights(TINY_SPEC, SEED);
  const nets = new Map<SystemName, Net>();
  for (const system of systems) {
    await system.activate();
    nets.set(system.name, buildNet(system, TINY_SPEC, weights, data));
  }
  const losses = new Map<SystemName, number>();
  const fit = await measureRounds(systems, 1, sizes.tinyRounds, (s) => s.activate(), async (s) => {
    const r = await (nets.get(s.name) as Net).fit(1, sizes.tinyEpochs);
    losses.set(s.name, r.loss);
    return r.seconds;
  });
  for (const n of nets.values()) n.dispose();
  const steps = sizes.tinyEpochs * 4;
  log(`  2-3-1 fit batch 1: ${summary(systems, fit)}`);
  return row(`2-3-1 fit, batch 1 (${steps} steps)`, 'steps/s', systems, fit, steps,
    `last-epoch loss ${systems.map((s) => (losses.get(s.name) ?? NaN).toFixed(4)).join('/')}`);
}

function row(workload: string, unit: string, systems: readonly System[], r: RoundsResult, work: number, check: string): WorkloadRow {
  const figures: WorkloadRow['figures'] = {};
  systems.forEach((s, i) => { figures[s.name] = work / (r.seconds[i] as number); });
  return { workload, unit, figures, samples: r.samples[0]?.length ?? 0, check };
}

function summary(systems: readonly System[], r: RoundsResult): string {
  return systems.map((s, i) => `${s.name} ${((r.seconds[i] as number) * 1e3).toFixed(0)} ms`).join(', ');
}

/** max|Δ| of each system's prediction against SameBits(wasm)'s, from identical weights. */
function agreement(outputs: ReadonlyMap<SystemName, Float32Array>): string {
  const base = outputs.get('samebits-wasm');
  if (!base) return '';
  const others = [...outputs].filter(([name]) => name !== 'samebits-wasm');
  return `max|Δ| vs SB-wasm: ${others.map(([name, out]) => `${name.replace('samebits-', 'SB-')} ${fmtDiff(maxAbsDiff(base, out))}`).join(', ')}`;
}

function sameBitsOf(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  return x.every((v, i) => v === y[i]);
}
