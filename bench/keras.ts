/**
 * Keras 3 on TensorFlow-cpu, run as a separate Python process right after the TF.js rounds:
 * the speed issue's second peer. Needs a Python with tensorflow and keras (`SAMEBITS_BENCH_PYTHON`,
 * else `python3`); without one the bench says so and goes on.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fmt, formatTable, ratio } from './table.js';
import type { WorkloadRow } from './workload.js';

/** What bench/keras_mlp.py prints. */
export interface KerasFigures {
  keras: string;
  tensorflow: string;
  fit32: number;
  fit256: number;
  predict256: number;
  tiny: number;
}

const script = fileURLToPath(new URL('./keras_mlp.py', import.meta.url));

/** Runs the Keras workloads; a reason string when no Python with TensorFlow and Keras is found. */
export function runKerasBench(quick: boolean): KerasFigures | string {
  const python = process.env['SAMEBITS_BENCH_PYTHON'] ?? 'python3';
  try {
    const out = execFileSync(python, [script, ...(quick ? ['--quick'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
    return JSON.parse(out.trim().split('\n').pop() ?? '') as KerasFigures;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').find((l) => /Error|No module/.test(l)) ?? error.message.split('\n')[0] : String(error);
    return `not run: ${python} has no working tensorflow and keras (${message?.trim()}); set SAMEBITS_BENCH_PYTHON to a Python that has them`;
  }
}

/** SameBits(wasm) against Keras on the same workloads (SameBits figures from this run's rows). */
export function kerasTable(keras: KerasFigures, rows: readonly WorkloadRow[]): string {
  const sb = (name: string): number | undefined => rows.find((r) => r.workload.startsWith(name))?.figures['samebits-wasm'];
  const lines: [string, string, number | undefined, number][] = [
    ['MLP fit, batch 32', 'samples/s', sb('MLP fit, batch 32'), keras.fit32],
    ['MLP fit, batch 256', 'samples/s', sb('MLP fit, batch 256'), keras.fit256],
    ['MLP predict, batch 256', 'samples/s', sb('MLP predict, batch 256'), keras.predict256],
    ['2-3-1 fit, batch 1', 'steps/s', sb('2-3-1 fit'), keras.tiny],
  ];
  return `Keras ${keras.keras} on TensorFlow ${keras.tensorflow} (cpu, its own threads), same workloads, run after the rounds above\n` + formatTable(
    ['workload', 'unit', 'SB-wasm', 'Keras', 'SBw/Keras'],
    lines.map(([w, u, s, k]) => [w, u, s === undefined ? '—' : fmt(s), fmt(k), s === undefined ? '—' : ratio(s, k)]),
  );
}
