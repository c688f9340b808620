// Example 5: the order of a float32 sum changes its result; SameBits' sum and fsum do not.
// Run: npx tsx examples/05-summation-order.ts
import { runSummationExample } from '../src/examples/summation-order.js';

const r = runSummationExample();
console.log(`naive float32 sum, forward:  ${r.naiveForward}`);
console.log(`naive float32 sum, backward: ${r.naiveBackward}`);
console.log(`SameBits sum (one defined order): ${r.sameBitsSum}`);
console.log(`fsum forward / backward: ${r.fsumForward} / ${r.fsumBackward}`);
