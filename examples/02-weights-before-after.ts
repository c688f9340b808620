// Example 2: the exact sum of trainable weights before and after training, for two builds.
// Run: npx tsx examples/02-weights-before-after.ts  (run it twice: the numbers do not change)
import { runWeightsExample } from '../src/examples/weights-before-after.js';

await runWeightsExample(console.log);
