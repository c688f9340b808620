// Regenerates test/golden/examples.json from the code. Run deliberately
// (`npx tsx scripts/golden-examples.ts`) and record the change in CHANGELOG.md.
import { writeFileSync } from 'node:fs';
import { runClassifierExample } from '../src/examples/classifier.js';
import { predictTwoModels } from '../src/examples/identical-models.js';
import { trainSequence } from '../src/examples/sequence.js';
import { runWeightsExample } from '../src/examples/weights-before-after.js';
import { sha256Hex } from '../src/repro/fingerprint.js';

const sequence = await trainSequence(42);
const weights = await runWeightsExample();
const [a] = predictTwoModels(5, 5);
const classifier = await runClassifierExample();
const golden = {
  sequence: { seed: 42, mse: sequence.mse, fingerprint: sequence.fingerprint },
  weights: { seed: 2024, before: weights[0]?.before, after: weights[0]?.after, fingerprint: weights[0]?.fingerprint },
  identicalModels: { seed: 5, predictions: sha256Hex(new Uint8Array(a.values.buffer)) },
  classifier: { seed: 1, accuracy: classifier.accuracy, fingerprint: classifier.fingerprint },
};
writeFileSync(new URL('../test/golden/examples.json', import.meta.url), JSON.stringify(golden, null, 2) + '\n');
console.log(JSON.stringify(golden, null, 2));
