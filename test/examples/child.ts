// Run in a fresh process (Node via tsx, or Bun) by examples.test.ts: prints example results as JSON.
import { trainSequence } from '../../src/examples/sequence.js';
import { runWeightsExample } from '../../src/examples/weights-before-after.js';

const which = process.argv[2];
if (which === 'sequence') {
  const run = await trainSequence(42);
  process.stdout.write(JSON.stringify({ mse: run.mse, fingerprint: run.fingerprint }));
} else if (which === 'weights') {
  process.stdout.write(JSON.stringify(await runWeightsExample()));
} else {
  throw new Error(`child.ts: unknown example '${String(which)}'`);
}
