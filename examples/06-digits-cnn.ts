// Example 6: a small CNN on the 8×8 handwritten digits (vendored from scikit-learn; no download).
// Run: npx tsx examples/06-digits-cnn.ts
import { runDigitsCnn } from '../src/examples/digits-cnn.js';

const report = await runDigitsCnn();
console.log(`held-out accuracy ${report.accuracy.toFixed(4)}, loss ${report.loss.toFixed(4)}, fingerprint ${report.fingerprint}`);
