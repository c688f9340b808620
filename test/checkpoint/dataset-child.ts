// A fitDataset run for the resume tests, run in fresh processes:
//   dataset-child.ts <backupDir|-> <stopAfterSteps|-1> <source: array|generator|csv|bpe>
// Trains Dense(12, relu) -> Dropout(0.3) -> Dense(3, softmax) with Adam for 3 epochs on 40 rows
// shuffled (buffer 16, seed 7, reshuffled each epoch) in batches of 6; with a backupDir,
// checkpoints every step and resumes from the newest checkpoint; exits abruptly after
// stopAfterSteps steps of this process. Prints the final fingerprint and history as JSON.
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { CustomCallback, data, fingerprint, layers, sequential, setRandomSeed, train } from '../../src/node.js';
import type { CallbackHooks, Dataset } from '../../src/node.js';

const [dir = '-', stopArg = '-1', source = 'array'] = process.argv.slice(2);
const stopAfter = Number(stopArg);
setRandomSeed(21);
// Rows from a fixed formula, so every source gives the same elements.
const row = (i: number): { xs: number[]; ys: number[] } => {
  const xs = [Math.sin(i) * 2, (i % 7) / 3, ((i * 13) % 11) / 5 - 1, i / 40];
  const c = i % 3;
  return { xs, ys: [c === 0 ? 1 : 0, c === 1 ? 1 : 0, c === 2 ? 1 : 0] };
};
const rows = Array.from({ length: 40 }, (_, i) => row(i));
const csvText = `a,b,c,d,y\n${rows.map((r, i) => `${r.xs.join(',')},${i % 3}`).join('\n')}\n`;
let base: Dataset<{ xs: number[]; ys: number[] }>;
if (source === 'generator') base = data.generator(function* () { for (let i = 0; i < 40; i++) yield row(i); });
else if (source === 'csv') {
  base = data.csv({ text: csvText }, { columnConfigs: { y: { isLabel: true } } }).map((e) => {
    const { xs, ys } = e as { xs: Record<string, number>; ys: { y: number } };
    return { xs: Object.values(xs), ys: [0, 1, 2].map((c) => (c === ys.y ? 1 : 0)) };
  });
} else base = data.array(rows);
let ds = base.shuffle(16, 7).batch(6);
if (source === 'bpe') ds = ds.repeat();
const model = sequential({
  layers: [layers.dense({ units: 12, activation: 'relu', inputShape: [4] }), layers.dropout({ rate: 0.3 }), layers.dense({ units: 3, activation: 'softmax' })],
});
model.compile({ optimizer: train.adam(0.02), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const callbacks: CallbackHooks[] = [];
if (dir !== '-') callbacks.push(new BackupAndRestore({ backupDir: dir, saveFreq: 1, keep: 2 }));
let steps = 0;
callbacks.push(new CustomCallback({ onBatchEnd: () => { if (++steps === stopAfter) process.exit(3); } }));
const validationData = data.array(rows.slice(0, 10)).batch(4);
const history = await model.fitDataset(ds, { epochs: 3, verbose: 0, callbacks, validationData, ...(source === 'bpe' ? { batchesPerEpoch: 5 } : {}) });
process.stdout.write(JSON.stringify({ fingerprint: fingerprint(model), history: history.history, epochs: history.epoch }));
