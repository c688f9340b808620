// Regenerates test/golden/engine-pipeline.json from the code. Run deliberately
// (`npx tsx scripts/golden-engine-pipeline.ts`) and record the change in CHANGELOG.md.
import { writeFileSync } from 'node:fs';
import { runEnginePipeline } from '../src/repro/engine-pipeline.js';

const seed = 1234;
const { fingerprint } = runEnginePipeline(seed);
writeFileSync(new URL('../test/golden/engine-pipeline.json', import.meta.url), JSON.stringify({ seed, fingerprint }, null, 2) + '\n');
console.log(fingerprint);
