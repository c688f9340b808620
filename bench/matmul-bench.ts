/**
 * matMul on the same square products in every system (SameBits on each kernel set, TF.js cpu
 * and wasm), in GFLOP/s, in alternating rounds.
 */

import * as tf from '@tensorflow/tfjs';
import { matMul, tensor2d } from '../src/index.js';
import { uniformFloat32 } from './inputs.js';
import type { System, SystemName } from './systems.js';
import { fmtDiff } from './table.js';
import { calibrated, measureRounds } from './timing.js';
import { maxAbsDiff, type WorkloadRow } from './workload.js';

/** Which operand is transposed in the product. */
export type Variant = 'plain' | 'transposeA' | 'transposeB';

const VARIANTS: readonly Variant[] = ['plain', 'transposeA', 'transposeB'];

/** How long each size is measured: warm-up rounds, timed rounds, and seconds per timed run. */
export interface MatMulTiming {
  warmup: number;
  rounds: number;
  runSeconds: number;
}

/**
 * Times every size and variant on every system; a row's check gives max|Δ| of each output
 * against SameBits(wasm)'s (SameBits's kernel sets must agree exactly). TF.js time includes
 * dataSync(), which waits for the backend and copies the product out.
 */
export async function runMatMulBench(
  systems: readonly System[], sizes: readonly number[], timingFor: (size: number) => MatMulTiming, log: (line: string) => void,
): Promise<WorkloadRow[]> {
  const rows: WorkloadRow[] = [];
  for (const size of sizes) {
    // The three variants of a size share one pair of inputs (square, so every transpose fits).
    const a = uniformFloat32(size * size, 0xa000 + size);
    const b = uniformFloat32(size * size, 0xb000 + size);
    for (const variant of VARIANTS) {
      const timing = timingFor(size);
      const outputs = new Map<SystemName, Float32Array>();
      const runs = new Map<SystemName, () => number>();
      const disposers: (() => void)[] = [];
      for (const system of systems) {
        await system.activate();
        const { call, dispose } = product(system, a, b, size, variant, (out) => outputs.set(system.name, out));
        runs.set(system.name, calibrated(call, timing.runSeconds));
        disposers.push(dispose);
      }
      const result = await measureRounds(systems, timing.warmup, timing.rounds, (s) => s.activate(),
        (s) => Promise.resolve((runs.get(s.name) as () => number)()));
      for (const dispose of disposers) dispose();
      const flops = 2 * size * size * size;
      const figures: WorkloadRow['figures'] = {};
      systems.forEach((s, i) => { figures[s.name] = flops / (result.seconds[i] as number) / 1e9; });
      const base = outputs.get('samebits-wasm');
      const check = base === undefined ? '' : `max|Δ| vs SB-wasm: ${[...outputs].filter(([name]) => name !== 'samebits-wasm')
        .map(([name, out]) => `${name.replace('samebits-', 'SB-')} ${fmtDiff(maxAbsDiff(base, out))}`).join(', ')}`;
      rows.push({ workload: `matMul ${size}³ ${variant}`, unit: 'GFLOP/s', figures, samples: timing.rounds, check });
      log(`  matMul ${size} ${variant}: ${systems.map((s, i) => `${s.name} ${((result.seconds[i] as number) * 1e3).toFixed(1)} ms`).join(', ')}`);
    }
  }
  return rows;
}

/** One product in `system` (active now), handing each result to `keep`. */
function product(system: System, a: Float32Array, b: Float32Array, size: number, variant: Variant, keep: (out: Float32Array) => void): { call: () => void; dispose: () => void } {
  const ta = variant === 'transposeA';
  const tb = variant === 'transposeB';
  if (system.library === 'samebits') {
    const x = tensor2d(a, [size, size]);
    const y = tensor2d(b, [size, size]);
    return { call: () => keep(matMul(x, y, ta, tb).values as Float32Array), dispose: () => {} };
  }
  const x = tf.tensor2d(a, [size, size]);
  const y = tf.tensor2d(b, [size, size]);
  return {
    call: () => {
      // NOTE: not tf.tidy(() => ….dataSync()): tidy walks its result looking for tensors, and
      // walking a typed array element by element cost more than the product itself.
      const out = tf.matMul(x, y, ta, tb);
      try {
        keep(out.dataSync() as Float32Array);
      } finally {
        out.dispose();
      }
    },
    dispose: () => tf.dispose([x, y]),
  };
}
