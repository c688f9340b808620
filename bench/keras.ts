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

/** What bench/keras_models.py prints: training samples/s of the CNN and LSTM workloads. */
export interface KerasModelFigures {
  keras: string;
  cnn1: number;
  cnn2: number;
  lstm: number;
}

const modelsScript = fileURLToPath(new URL('./keras_models.py', import.meta.url));

/** Runs the CNN and LSTM workloads in Keras; a reason string when that is not possible. */
export function runKerasModels(quick: boolean, lstm: readonly [number, number, number]): KerasModelFigures | string {
  const python = process.env['SAMEBITS_BENCH_PYTHON'] ?? 'python3';
  try {
    const out = execFileSync(python, [modelsScript, '--lstm', lstm.join(','), ...(quick ? ['--quick'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
    return JSON.parse(out.trim().split('\n').pop() ?? '') as KerasModelFigures;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').find((l) => /Error|No module/.test(l)) ?? error.message.split('\n')[0] : String(error);
    return `not run: ${python} has no working tensorflow and keras (${message?.trim()}); set SAMEBITS_BENCH_PYTHON to a Python that has them`;
  }
}

/**
 * SameBits(wasm) against Keras and TF.js-cpu on the CNN and LSTM rows, with the breadth issue's
 * goals for both CNN rows (≥ 50× TF.js-cpu, ≥ 0.5× Keras).
 */
export function kerasModelsTable(keras: KerasModelFigures | string, rows: readonly WorkloadRow[]): string {
  const lines: [string, number | undefined][] = [['CNN fit', typeof keras === 'string' ? undefined : keras.cnn1], ['CNN fit, two convs', typeof keras === 'string' ? undefined : keras.cnn2], ['LSTM fit', typeof keras === 'string' ? undefined : keras.lstm]];
  const body = lines.map(([name, k]) => {
    const r = rows.find((row) => row.workload.startsWith(name + ' (') || row.workload.startsWith(name + ','));
    const sb = r?.figures['samebits-wasm'];
    const cpu = r?.figures['tfjs-cpu'];
    return [name, sb === undefined ? '—' : fmt(sb), k === undefined ? '—' : fmt(k), sb === undefined || k === undefined ? '—' : ratio(sb, k), cpu === undefined ? '—' : fmt(cpu), sb === undefined || cpu === undefined ? '—' : ratio(sb, cpu)];
  });
  const head = typeof keras === 'string' ? `Keras: ${keras}` : `Keras ${keras.keras} on TensorFlow-cpu (its own threads), the same models at batch 64, run after the rounds above`;
  return `${head}; goals for both CNN rows: SB-wasm ≥ 50× tfjs-cpu and ≥ 0.5× Keras\n` + formatTable(['workload', 'SB-wasm', 'Keras', 'SBw/Keras', 'tfjs-cpu', 'SBw/tfjs-cpu'], body);
}
