import { runEnginePipeline } from '../repro/engine-pipeline.js';
import { fsum } from '../math/index.js';

/**
 * The demo: runs the engine pipeline several times under one seed and once under another,
 * prints each run's loss and fingerprint and a verdict; returns 0 when every repeat was
 * bit-identical, 1 otherwise.
 */
export function runDemo(print: (line: string) => void): number {
  print('SameBits engine demo: seeded init -> matMul -> softmax -> cross-entropy -> gradients\n');
  const runs = [1, 2, 3].map(() => runEnginePipeline(1234));
  runs.forEach((r, i) => print(`  run ${i + 1}  seed 1234  loss ${r.loss.toPrecision(9)}  fingerprint ${r.fingerprint}`));
  const other = runEnginePipeline(4321);
  print(`  run 4  seed 4321  loss ${other.loss.toPrecision(9)}  fingerprint ${other.fingerprint}`);
  const first = runs[0];
  const identical = first !== undefined && runs.every((r) => r.fingerprint === first.fingerprint && r.bytes.length === first.bytes.length && r.bytes.every((v, i) => v === first.bytes[i]));
  print('');
  const values = [1e16, 1, -1e16, 1];
  const naive = values.reduce((s, v) => s + v, 0);
  print(`  summation order: naive left-to-right sum of [1e16, 1, -1e16, 1] = ${naive}; fsum = ${fsum(values)} (exact, any order)`);
  print('');
  print(identical
    ? `VERDICT: all ${runs.length} runs with seed 1234 are bit-identical (${first?.bytes.length ?? 0} bytes compared); a different seed gives different bits.`
    : 'VERDICT: runs with the same seed DIFFER. This is a bug in SameBits; please report it.');
  return identical && other.fingerprint !== first?.fingerprint ? 0 : 1;
}
