import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BuildReport } from '../examples/weights-before-after.js';
import { runWeightsExample } from '../examples/weights-before-after.js';
import { runSequenceExample } from '../examples/sequence.js';

/** What the demo's child process prints: example 2's numbers, as JSON. */
export async function demoChild(): Promise<void> {
  const reports = await runWeightsExample();
  process.stdout.write(JSON.stringify(reports));
}

function sameBuild(a: BuildReport, b: BuildReport): boolean {
  return Object.is(a.before, b.before) && Object.is(a.after, b.after) && a.fingerprint === b.fingerprint;
}

/**
 * The demo: example 1 (ten identical runs under one seed, then ten seeds with statistics) and
 * example 2 (weights before and after training, two builds here and two in a second process),
 * then one verdict line. Returns 0 when every repeat was bit-identical, 1 otherwise.
 */
export async function runDemo(print: (line: string) => void, repeats = 10): Promise<number> {
  print('SameBits demo: the classic "why are my Keras results not reproducible?" examples\n');
  const sequence = await runSequenceExample(repeats, 10, print);
  print(sequence.identical ? `  -> ${repeats} runs with seed 42: bit-identical MSE and weights.` : '  -> runs with seed 42 DIFFER.');
  print('');
  print('Example 2 - weights before and after: Dense(2, relu) -> Dense(3, relu) -> Dense(1, sigmoid), Adam, 10 epochs');
  print('  this process:');
  const here = await runWeightsExample((line) => print(`  ${line}`));
  const main = fileURLToPath(new URL('./main.js', import.meta.url));
  let there: BuildReport[] = [];
  try {
    there = JSON.parse(execFileSync(process.execPath, [...process.execArgv, main, 'demo-child'], { encoding: 'utf8' })) as BuildReport[];
    print('  a second process:');
    there.forEach((r, i) => print(`    build ${i + 1}: sum of trainable weights before ${r.before.toFixed(13)}  after ${r.after.toFixed(13)}  ${r.fingerprint.slice(0, 16)}`));
  } catch (error) {
    print(`  a second process could not run: ${(error as Error).message}`);
  }
  const reference = here[0] as BuildReport;
  const weightsIdentical = there.length === 2 && [...here, ...there].every((r) => sameBuild(r, reference));
  print(weightsIdentical ? '  -> 4 builds in 2 processes: identical weights before and after training.' : '  -> builds DIFFER.');
  print('');
  const ok = sequence.identical && weightsIdentical;
  print(ok
    ? `VERDICT: every repeated run was bit-identical (${repeats} trainings of example 1, 4 builds of example 2 in 2 processes).`
    : 'VERDICT: some repeated runs were NOT bit-identical. This is a bug in SameBits; please report it.');
  return ok ? 0 : 1;
}
