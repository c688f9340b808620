// Example 4: a 784-feature, 10-class classifier on synthetic data made from a fixed seed.
// Run: npx tsx examples/04-classifier.ts
import { runClassifierExample } from '../src/examples/classifier.js';

const report = await runClassifierExample();
console.log(`test accuracy ${report.accuracy.toFixed(4)}, loss ${report.loss.toFixed(4)}, fingerprint ${report.fingerprint}`);
