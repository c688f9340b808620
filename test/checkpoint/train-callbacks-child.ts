// A training run with stateful callbacks for the resume test, run in fresh processes:
//   train-callbacks-child.ts <backupDir> <stopAtStep|-1> <plateau|scheduler|schedule> [saveFreq: n|epoch]
// Dense(16, relu) -> Dropout(0.3) -> Dense(3, softmax), Adam, up to 10 epochs of 6 steps, with
// BackupAndRestore listed first (fit runs it after the stateful callbacks) and a CSV log in
// backupDir. plateau: earlyStopping(restoreBestWeights) + reduceLROnPlateau; scheduler:
// learningRateScheduler(lr·0.7); schedule: Adam on a cosine-decay schedule with warmup.
// Exits abruptly right after step stopAtStep. Prints fingerprint, history, final learning rate and the CSV.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { CustomCallback, callbacks, cast, fingerprint, layers, oneHot, randomNormal, randomUniformInt, schedules, sequential, setRandomSeed, train } from '../../src/node.js';
import type { CallbackHooks } from '../../src/node.js';

const [dir = '', stopArg = '-1', mode = 'plateau', freqArg = '1'] = process.argv.slice(2);
const stopAt = Number(stopArg);
setRandomSeed(78);
const x = randomNormal([100, 6], 0, 1, 'float32', 1);
const y = cast(oneHot(randomUniformInt([100], 0, 3, { seed: 2 }), 3), 'float32');
const model = sequential({
  layers: [layers.dense({ units: 16, activation: 'relu', inputShape: [6] }), layers.dropout({ rate: 0.3 }), layers.dense({ units: 3, activation: 'softmax' })],
});
const optimizer = mode === 'schedule' ? train.adam(schedules.cosineDecay({ initialLearningRate: 0, decaySteps: 40, warmupTarget: 0.05, warmupSteps: 9, alpha: 0.1 })) : train.adam(0.05);
model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const list: CallbackHooks[] = [new BackupAndRestore({ backupDir: dir, saveFreq: freqArg === 'epoch' ? 'epoch' : Number(freqArg), keep: 2 })];
if (mode === 'plateau') {
  list.push(callbacks.earlyStopping({ monitor: 'val_loss', patience: 3, minDelta: 0.005, restoreBestWeights: true }));
  list.push(callbacks.reduceLROnPlateau({ monitor: 'loss', patience: 1, factor: 0.5, minDelta: 0.03 }));
}
if (mode === 'scheduler') list.push(callbacks.learningRateScheduler((_epoch, lr) => lr * 0.7));
const csv = join(dir, 'log.csv');
list.push(callbacks.csvLogger(csv, { append: true }));
let step = 0;
const steps = 6; // 90 training rows in batches of 15
list.push(new CustomCallback({
  onEpochBegin: (epoch) => { step = epoch * steps; },
  onBatchEnd: () => {
    step++;
    if (step === stopAt) process.exit(3);
  },
}));
const history = await model.fit(x, y, { epochs: 10, batchSize: 15, validationSplit: 0.1, verbose: 0, callbacks: list });
process.stdout.write(JSON.stringify({ fingerprint: fingerprint(model), history: history.history, epochs: history.epoch, learningRate: optimizer.learningRate, csv: readFileSync(csv, 'utf8') }));
