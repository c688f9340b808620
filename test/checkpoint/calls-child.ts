// A program of three fit calls on one model, run in fresh processes by calls.test.ts:
//   calls-child.ts <backupDir|-> <stopAtStep|-1> <skipFirstCall 0|1>
// Dense(16, relu) -> Dropout(0.3) -> Dense(3, softmax), Adam; call 0: fit 1 epoch; call 1: fit
// 2 epochs with backupAndRestore (a checkpoint every step) when a backupDir is given; call 2:
// fit 1 epoch. Every call shuffles. Exits abruptly right after step stopAtStep of call 1 (steps
// count from 1). With skipFirstCall 1 the program starts at call 1 (the checkpoint holds the
// weights). Prints the final fingerprint, each call's history and the model's count of calls.
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { trainingCalls } from '../../src/models/training-calls.js';
import { CustomCallback, cast, fingerprint, layers, oneHot, randomNormal, randomUniformInt, sequential, setRandomSeed, train } from '../../src/node.js';
import type { CallbackHooks } from '../../src/node.js';

const [dir = '-', stopArg = '-1', skipArg = '0'] = process.argv.slice(2);
const stopAt = Number(stopArg);
setRandomSeed(31);
const x = randomNormal([60, 6], 0, 1, 'float32', 1);
const y = cast(oneHot(randomUniformInt([60], 0, 3, { seed: 2 }), 3), 'float32');
const model = sequential({
  layers: [layers.dense({ units: 16, activation: 'relu', inputShape: [6] }), layers.dropout({ rate: 0.3 }), layers.dense({ units: 3, activation: 'softmax' })],
});
model.compile({ optimizer: train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const fit = { batchSize: 10, shuffle: true, verbose: 0 } as const;
const histories: Record<string, number[]>[] = [];
if (skipArg !== '1') histories.push((await model.fit(x, y, { ...fit, epochs: 1 })).history);
const callbacks: CallbackHooks[] = [];
if (dir !== '-') callbacks.push(new BackupAndRestore({ backupDir: dir, saveFreq: 1, keep: 2 }));
let step = 0;
callbacks.push(new CustomCallback({
  onEpochBegin: (epoch) => { step = epoch * 6; },
  onBatchEnd: () => { if (++step === stopAt) process.exit(3); },
}));
histories.push((await model.fit(x, y, { ...fit, epochs: 2, callbacks })).history);
histories.push((await model.fit(x, y, { ...fit, epochs: 1 })).history);
process.stdout.write(JSON.stringify({ fingerprint: fingerprint(model), histories, calls: trainingCalls(model) }));
