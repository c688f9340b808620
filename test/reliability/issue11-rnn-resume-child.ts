// A training run for issue11-rnn-resume.test.ts, run in fresh processes:
//   issue11-rnn-resume-child.ts <backupDir|-> <stopAtStep|-1>
// LSTM(6, seq, dropout, recurrentDropout) -> GRU(4, dropout, recurrentDropout) -> Dropout -> Dense(2),
// Adam, 3 epochs of 4 steps; checkpoints every step; exits with code 3 right after step stopAtStep.
import { BackupAndRestore } from '../../src/io/checkpoint.js';
import { CustomCallback, fingerprint, layers, randomNormal, sequential, setRandomSeed, train } from '../../src/node.js';
import type { CallbackHooks } from '../../src/node.js';
const [dir = '-', stopArg = '-1'] = process.argv.slice(2);
const stopAt = Number(stopArg);
setRandomSeed(77);
const x = randomNormal([40, 5, 3], 0, 1, 'float32', 1);
const y = randomNormal([40, 2], 0, 1, 'float32', 2);
const model = sequential({ layers: [
  layers.lstm({ units: 6, returnSequences: true, dropout: 0.3, recurrentDropout: 0.25, inputShape: [5, 3] }),
  layers.gru({ units: 4, dropout: 0.2, recurrentDropout: 0.2 }), layers.dropout({ rate: 0.2 }), layers.dense({ units: 2 })] });
model.compile({ optimizer: train.adam(0.01), loss: 'meanSquaredError' });
const callbacks: CallbackHooks[] = [];
if (dir !== '-') callbacks.push(new BackupAndRestore({ backupDir: dir, saveFreq: 1, keep: 2 }));
let step = 0;
callbacks.push(new CustomCallback({ onEpochBegin: (e) => { step = e * 4; }, onBatchEnd: () => { step++; if (step === stopAt) process.exit(3); } }));
const history = await model.fit(x, y, { epochs: 3, batchSize: 10, verbose: 0, callbacks });
process.stdout.write(JSON.stringify({ fingerprint: fingerprint(model), history: history.history }));
