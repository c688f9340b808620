/**
 * Optimizer memory speed: one Adam update over n float32 parameters on every system, against a
 * plain Float32Array copy of the same number of bytes, in GB/s, in alternating rounds.
 */

import * as tf from '@tensorflow/tfjs';
import { adamUpdate, type AdamConstants } from '../src/kernels/index.js';
import { uniformFloat32 } from './inputs.js';
import type { System, SystemName } from './systems.js';
import { fmt } from './table.js';
import { calibrated, measureRounds } from './timing.js';
import type { WorkloadRow } from './workload.js';

/** Arrays an Adam update is counted as moving: weights, gradients, m and v read, plus weights written. */
const ARRAYS = 5;

/** The Adam workload's result: its table row and the copy baseline measured beside it. */
export interface AdamBenchResult {
  row: WorkloadRow;
  /** GB/s of `Float32Array.prototype.set` copying ARRAYS × 4 × n bytes (read n, write n). */
  copyGBps: number;
}

const LEARNING_RATE = 0.001;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/**
 * Times Adam over `n` parameters: SameBits's adamUpdate kernel (the one every Adam step of fit
 * calls) on each kernel set, TF.js's `tf.train.adam().applyGradients` on each backend, and a
 * copy of the same bytes. GB/s = 5 arrays × 4 bytes × n / time for all of them.
 * @example await runAdamBench(systems, 1 << 20, 0.1, 5)
 */
export async function runAdamBench(systems: readonly System[], n: number, runSeconds: number, rounds: number): Promise<AdamBenchResult> {
  const contenders: (System | 'copy')[] = ['copy', ...systems];
  const runs = new Map<System | 'copy', () => number>();
  const source = uniformFloat32(ARRAYS * n, 0xc09);
  const target = new Float32Array(ARRAYS * n);
  runs.set('copy', calibrated(() => { target.set(source); }, runSeconds));
  const disposers: (() => void)[] = [];
  for (const system of systems) {
    await system.activate();
    if (system.library === 'samebits') runs.set(system, calibrated(sameBitsAdam(n), runSeconds));
    else {
      const { step, dispose } = tfAdam(n, `adam_bench_${system.name}`);
      runs.set(system, calibrated(step, runSeconds));
      disposers.push(dispose);
    }
  }
  // The warm-up round also sets how many calls make one timed run (see calibrated).
  const result = await measureRounds(contenders, 1, rounds,
    (c) => (c === 'copy' ? Promise.resolve() : c.activate()),
    (c) => Promise.resolve((runs.get(c) as () => number)()));
  for (const dispose of disposers) dispose();
  const bytes = ARRAYS * 4 * n;
  const copyGBps = bytes / (result.seconds[0] as number) / 1e9;
  const figures: WorkloadRow['figures'] = {};
  systems.forEach((s, i) => { figures[s.name] = bytes / (result.seconds[i + 1] as number) / 1e9; });
  const wasm = figures['samebits-wasm' satisfies SystemName];
  return {
    copyGBps,
    row: {
      workload: `Adam update, ${n.toExponential(2).replace('+', '')} params`, unit: 'GB/s', figures,
      samples: rounds,
      check: `plain copy of the same bytes ${fmt(copyGBps)} GB/s${wasm === undefined ? '' : `; SB-wasm at ${((wasm / copyGBps) * 100).toFixed(0)}% of it`}`,
    },
  };
}

/** One SameBits Adam step through the active kernel set, on arrays made here. */
function sameBitsAdam(n: number): () => void {
  const w = uniformFloat32(n, 1);
  const g = uniformFloat32(n, 2).map((v) => v * 1e-2);
  const m = new Float32Array(n);
  const v = new Float32Array(n);
  const f = Math.fround;
  // Step 1's constants (see AdamConstants); the values hardly matter for speed.
  const constants: AdamConstants = {
    alpha: f(f(LEARNING_RATE * f(Math.sqrt(f(1 - BETA2)))) / f(1 - BETA1)),
    c1: f(1 - BETA1), c2: f(1 - BETA2), eps: f(EPSILON),
  };
  return () => adamUpdate(w, g, m, v, null, constants);
}

/** One TF.js Adam step on the active backend: applyGradients on one variable of n values (`name` unique). */
function tfAdam(n: number, name: string): { step: () => void; dispose: () => void } {
  const w = tf.variable(tf.tensor1d(uniformFloat32(n, 1)), true, name);
  const g = tf.tensor1d(uniformFloat32(n, 2).map((v) => v * 1e-2));
  const optimizer = tf.train.adam(LEARNING_RATE, BETA1, BETA2, EPSILON);
  // NOTE: the cpu and wasm backends run kernels synchronously, so the update is done on return.
  return {
    step: () => optimizer.applyGradients([{ name: w.name, tensor: g }]),
    dispose: () => {
      optimizer.dispose();
      tf.dispose([w, g]);
    },
  };
}
