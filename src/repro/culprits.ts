import type { LogComparison } from './diff.js';
import type { ManifestComparison } from './manifest-compare.js';

/** The usual ways a training script breaks determinism around a deterministic engine. */
export const USUAL_CULPRITS: readonly string[] = [
  'Math.random() (or crypto.getRandomValues) in data preparation, augmentation or a train/test split: use SameBits\' seeded ops (randomNormal(shape, 0, 1, "float32", seed)) instead', // determinism-ok: hint text that names a culprit; nothing is called
  'Date-based values: a seed, a run name or a schedule computed from Date.now() or new Date()', // determinism-ok: hint text that names a culprit; nothing is called
  'iteration over unordered input: directory listing (opendir, glob) order of input files, Promise completion order, a map filled in async order: sort by a stable key first',
];

/**
 * What most likely made two runs part, from where their logs first differ and (when known)
 * from their manifests. The most specific explanation comes first.
 */
export function diagnose(log: LogComparison, manifests: ManifestComparison | undefined): string[] {
  const hints: string[] = [];
  const seedInLog = log.headerDifferences.find((d) => d.startsWith('seed'));
  const input = (field: string): boolean => manifests?.inputs.some((d) => d.field === field) ?? false;
  if (seedInLog || input('seed')) {
    hints.push(`the runs used different seeds (${seedInLog ?? 'see the manifests'}): the seed is computed at run time (Date.now(), Math.random(), a counter); pass a constant to setRandomSeed`); // determinism-ok: hint text that names a culprit; nothing is called
  }
  const inOrder = input('training data (as given, in order)');
  const asSet = input('training data (the set of rows)');
  if (inOrder && !asSet) {
    hints.push('the training data hold the same rows in a different order in each run: the input is read in an unordered way (directory listing or glob order, Promise completion order); sort it by a stable key');
  } else if (asSet) {
    hints.push('the training data differ between runs (different rows): Math.random() or a Date-based value in data preparation, or input files that change between runs'); // determinism-ok: hint text that names a culprit; nothing is called
  }
  const settings = manifests?.inputs.filter((d) => d.field.startsWith('model') || d.field.startsWith('fit: ') || d.field === 'optimizer' || d.field === 'loss') ?? [];
  if (settings.length > 0) {
    hints.push(`the runs were configured differently (${settings.map((d) => d.field).join(', ')}): a setting computed at run time`);
  }
  if (hints.length === 0 && log.first) {
    if (log.first.kind === 'begin') {
      hints.push('the initial weights differ under the same seed: a layer or initializer got a run-dependent argument (an explicit seed from Date.now() or Math.random()), or the model is built differently'); // determinism-ok: hint text that names a culprit; nothing is called
    } else if (log.first.kind === 'batch' && log.first.batch === null) {
      hints.push('same seed and same variables before the first step, yet the custom loop parts: something in the loop changes between runs, most often the data of a step (drawn, shuffled or augmented with Math.random() or the clock); a custom loop records no data hash, so look at how each step\'s data are made'); // determinism-ok: hint text that names a culprit; nothing is called
    } else if (log.first.gradientsLogged && log.first.tensors[0]?.group !== 'gradient' && log.first.tensors.length > 0) {
      hints.push('the gradients agree but the update differs: the optimizer was changed during training (e.g. a learning rate set from the clock or Math.random() by a callback), or the weights were changed from outside fit'); // determinism-ok: hint text that names a culprit; nothing is called
    } else {
      hints.push('same seed and same data, yet the weights part during training: something inside the training loop changes between runs (a callback using Math.random() or the clock, e.g. a wall-clock learning-rate schedule, or weights changed from outside fit)'); // determinism-ok: hint text that names a culprit; nothing is called
    }
  }
  return hints;
}
