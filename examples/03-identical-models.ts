// Example 3: two models built under the same seed predict identical outputs.
// Run: npx tsx examples/03-identical-models.ts
import { predictTwoModels } from '../src/examples/identical-models.js';

const [a, b] = predictTwoModels(5, 5);
console.log('same seed:      ', Array.from(a.values).join(' '), '\n                ', Array.from(b.values).join(' '));
const [c, d] = predictTwoModels(5, 6);
console.log('different seeds:', Array.from(c.values).join(' '), '\n                ', Array.from(d.values).join(' '));
