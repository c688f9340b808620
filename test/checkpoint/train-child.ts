// A training run for the resume and crash tests, run in fresh processes:
//   train-child.ts <backupDir|-> <stopAtStep|-1> [saveFreq] [epochs]
// Trains Dense(16, relu) -> Dropout(0.3) -> Dense(3, softmax) with Adam for 4 epochs of 6 steps;
// with a backupDir, checkpoints every saveFreq steps and resumes from the newest checkpoint;
// exits abruptly right after step stopAtStep. Prints the final fingerprint and history as JSON.
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { CustomCallback, cast, fingerprint, layers, oneHot, randomNormal, randomUniformInt, sequential, setRandomSeed, train } from '../../src/node.js';
import type { CallbackHooks } from '../../src/node.js';

const [dir = '-', stopArg = '-1', freqArg = '1', epochsArg = '4'] = process.argv.slice(2);
const stopAt = Number(stopArg);
setRandomSeed(77);
const x = randomNormal([100, 6], 0, 1, 'float32', 1);
const y = cast(oneHot(randomUniformInt([100], 0, 3, { seed: 2 }), 3), 'float32');
const model = sequential({
  layers: [layers.dense({ units: 16, activation: 'relu', inputShape: [6] }), layers.dropout({ rate: 0.3 }), layers.dense({ units: 3, activation: 'softmax' })],
});
model.compile({ optimizer: train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const callbacks: CallbackHooks[] = [];
if (dir !== '-') callbacks.push(new BackupAndRestore({ backupDir: dir, saveFreq: Number(freqArg), keep: 2 }));
let step = 0;
const steps = 6; // 90 training rows in batches of 15
callbacks.push(new CustomCallback({
  onTrainBegin: () => { process.stderr.write('training\n'); },
  onEpochBegin: (epoch) => { step = epoch * steps; },
  onBatchEnd: () => {
    process.stderr.write('step\n');
    step++;
    if (step === stopAt) process.exit(3);
  },
}));
const history = await model.fit(x, y, { epochs: Number(epochsArg), batchSize: 15, validationSplit: 0.1, verbose: 0, callbacks });
process.stdout.write(JSON.stringify({ fingerprint: fingerprint(model), history: history.history, epochs: history.epoch }));
