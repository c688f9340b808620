/**
 * Heap growth during training: the MLP trained for several epochs at batch 32 on each system,
 * one system after the other, with process.memoryUsage() read at the end of every epoch (after
 * a full garbage collection when node runs with --expose-gc). Memory that grows from epoch to
 * epoch is a leak: a training step should leave nothing behind.
 */

import * as tf from '@tensorflow/tfjs';
import { buildNet, initialWeights, type NetData, type NetSpec } from './nets.js';
import type { System, SystemName } from './systems.js';

/** Memory growth of one system between the end of epoch 1 and the end of the last epoch. */
export interface MemoryRow {
  system: SystemName;
  epochs: number;
  /** Growth in bytes of process.memoryUsage() fields from the end of epoch 1 to the end of the last. */
  heapUsed: number;
  external: number;
  /** Part of `external` (Node counts ArrayBuffers and SharedArrayBuffers, wasm memories too, in external). */
  arrayBuffers: number;
  rss: number;
  /** heapUsed + external: everything JavaScript holds, counted once. */
  total: number;
  /** TF.js tensors alive (tf.memory().numTensors) growth; null for SameBits. */
  tfTensors: number | null;
  /** Seconds of the whole fit (including the readings, about 20 ms each). */
  seconds: number;
}

/** Whether node runs with --expose-gc (then every reading follows a full collection). */
export function gcExposed(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

interface Reading {
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  rss: number;
  tfTensors: number;
}

/**
 * Collects garbage twice with a pause between, so that ArrayBuffer backing stores, which V8
 * frees after the collection that found them dead, are gone too; then reads the memory.
 */
async function read(): Promise<Reading> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss, tfTensors: tf.memory().numTensors };
}

/**
 * Trains a fresh `spec` network for `epochs` epochs at batch 32 on each system and reports the
 * growth between the end of epoch 1 and the end of epoch `epochs`.
 */
export async function runMemoryBench(systems: readonly System[], spec: NetSpec, data: NetData, epochs: number, log: (line: string) => void): Promise<MemoryRow[]> {
  const weights = initialWeights(spec, 2024);
  const rows: MemoryRow[] = [];
  for (const system of systems) {
    await system.activate();
    const net = buildNet(system, spec, weights, data);
    await read(); // lets the garbage of earlier workloads go before the first reading
    const readings: Reading[] = [];
    const { seconds } = await net.fit(32, epochs, async () => { readings.push(await read()); });
    net.dispose();
    const first = readings[0] as Reading;
    const last = readings.at(-1) as Reading;
    const growth = (k: keyof Reading): number => last[k] - first[k];
    rows.push({
      system: system.name, epochs, seconds,
      heapUsed: growth('heapUsed'), external: growth('external'), arrayBuffers: growth('arrayBuffers'), rss: growth('rss'),
      total: growth('heapUsed') + growth('external'),
      tfTensors: system.library === 'tfjs' ? growth('tfTensors') : null,
    });
    log(`  memory ${system.name}: ${epochs} epochs in ${seconds.toFixed(1)} s, heapUsed+external grew ${((growth('heapUsed') + growth('external')) / 2 ** 20).toFixed(2)} MiB`);
  }
  return rows;
}
