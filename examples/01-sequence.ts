// Example 1: ten identical runs under one seed, then ten seeds with statistics.
// Run: npx tsx examples/01-sequence.ts
import { runSequenceExample } from '../src/examples/sequence.js';

const report = await runSequenceExample(10, 10, console.log);
console.log(report.identical ? 'All runs with seed 42 were bit-identical.' : 'Runs with seed 42 DIFFERED.');
