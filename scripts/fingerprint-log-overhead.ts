// Measures the fingerprint logger's cost on the classifier of example 4 (784 -> 128 -> 10, Adam,
// 1000 samples, batch 32: 32 steps per epoch). Run: npx tsx scripts/fingerprint-log-overhead.ts
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticDigits } from '../src/examples/classifier.js';
import { layers } from '../src/layers/index.js';
import type { CallbackHooks } from '../src/models/index.js';
import { sequential } from '../src/models/index.js';
import { fingerprintLogger } from '../src/repro/fingerprint-logger.js';
import type { FingerprintLoggerArgs } from '../src/repro/fingerprint-logger.js';
import { setRandomSeed } from '../src/repro/seed.js';

const EPOCHS = 3;
const dir = mkdtempSync(join(tmpdir(), 'samebits-overhead-'));
const data = syntheticDigits(1000);

/** Wraps each hook of a callback to add the time spent in it to `spent.steady` (epoch and batch hooks) or `spent.once` (train begin and end). */
function timed(callback: CallbackHooks & object, spent: { steady: number; once: number }): CallbackHooks {
  const hooks = ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd'] as const;
  for (const name of hooks) {
    const hook = callback[name] as ((...a: unknown[]) => unknown) | undefined;
    if (!hook) continue;
    Object.defineProperty(callback, name, {
      value: async (...a: unknown[]) => {
        const t = performance.now();
        await hook.apply(callback, a);
        const ms = performance.now() - t;
        if (name === 'onTrainBegin' || name === 'onTrainEnd') spent.once += ms;
        else spent.steady += ms;
      },
    });
  }
  return callback;
}

async function secondsPerEpoch(callbacks: CallbackHooks[]): Promise<number> {
  setRandomSeed(1);
  const model = sequential({ layers: [layers.dense({ units: 128, activation: 'relu', inputShape: [784] }), layers.dense({ units: 10, activation: 'softmax' })] });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const start = performance.now();
  await model.fit(data.x, data.y, { epochs: EPOCHS, batchSize: 32, verbose: 0, callbacks });
  return (performance.now() - start) / 1000 / EPOCHS;
}

const configs: [string, Omit<FingerprintLoggerArgs, 'path'>][] = [
  ["every: 'epoch'", {}],
  ["every: 'epoch', values: true", { values: true }],
  ["every: 'epoch', gradients, optimizerSlots", { gradients: true, optimizerSlots: true }],
  ["every: 'batch'", { every: 'batch' }],
  ["every: 'batch', gradients, optimizerSlots", { every: 'batch', gradients: true, optimizerSlots: true }],
];
await secondsPerEpoch([]); // warm-up
const EPOCH_MS = Math.min(await secondsPerEpoch([]), await secondsPerEpoch([])) * 1000;
const rows: string[] = [];
for (const [label, options] of configs) {
  const spentPerEpoch: number[] = [];
  const once: number[] = [];
  let size = 0;
  for (let r = 0; r < 3; r++) {
    const path = join(dir, `log-${r}.jsonl`);
    const spent = { steady: 0, once: 0 };
    await secondsPerEpoch([timed(fingerprintLogger({ ...options, path }), spent)]);
    spentPerEpoch.push(spent.steady / EPOCHS);
    once.push(spent.once);
    size = statSync(path).size;
  }
  const perEpoch = Math.min(...spentPerEpoch);
  rows.push(`| ${label} | ${perEpoch.toFixed(1)} ms | ${EPOCH_MS ? ((perEpoch / EPOCH_MS) * 100).toFixed(1) : '?'} % | ${Math.min(...once).toFixed(1)} ms | ${(size / 1024).toFixed(0)} KiB |`);
}
rmSync(dir, { recursive: true, force: true });
console.log(`training time per epoch without the logger (best of 2, 32 steps): ${EPOCH_MS.toFixed(0)} ms`);
console.log('| logging | logger time per epoch (best of 3) | of an epoch | once per fit (begin + end records) | log size (3 epochs) |\n|---|---|---|---|---|');
console.log(rows.join('\n'));
