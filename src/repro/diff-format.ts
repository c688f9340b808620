import type { FirstDivergence, LogComparison, TensorDivergence } from './diff.js';

/** Where a record sits in training, in words (epochs and batches counted from 0, as in the log). */
export function describeStep(at: Pick<FirstDivergence, 'kind' | 'epoch' | 'batch' | 'step' | 'fit'>): string {
  const fit = at.fit > 0 ? ` of fit call ${at.fit + 1}` : '';
  if (at.kind === 'begin') return `before the first step${fit} (the initial weights)`;
  if (at.kind === 'end') return `at the end of training${fit} (after step ${at.step})`;
  if (at.kind === 'epoch') return `at the end of epoch ${at.epoch}${fit} (after step ${at.step}; counting from 0)`;
  if (at.batch === null) return `after step ${at.step}${fit} (counting optimizer steps from 0)`; // a custom loop: no epochs
  return `after step ${at.step}${fit} (epoch ${at.epoch}, batch ${String(at.batch)}; counting from 0)`;
}

function num(x: number): string {
  if (x === 0) return '0';
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(4))) : x.toExponential(3);
}

function tensorLine(t: TensorDivergence): string {
  const label = `${t.group.padEnd(9)} ${t.layer === '' ? t.name : `${t.layer}/${t.name}`} [${t.shape.join(',')}]`;
  if (t.shapeB) return `${label}: run B's shape is [${t.shapeB.join(',')}]`;
  if (!t.size) return `${label}: differs`;
  const s = t.size;
  const nan = s.nanMismatches > 0 ? `, ${s.nanMismatches} NaN on one side only` : '';
  return `${label}: ${s.differing} of ${s.elements} elements differ; max abs ${num(s.maxAbs)}, max rel ${num(s.maxRel)}, max ${num(s.maxUlps)} ulps${nan}`;
}

/**
 * `diffLogs`' result as the text `samebits diff` prints.
 * @example console.log(formatComparison(diffLogs(a, b), { a: 'a.jsonl', b: 'b.jsonl' }))
 */
export function formatComparison(c: LogComparison, names: { a: string; b: string } = { a: 'run A', b: 'run B' }): string {
  const lines: string[] = [];
  const headers = c.headerDifferences.length > 0 ? [`settings that differ (${names.a} vs ${names.b}): ${c.headerDifferences.join('; ')}`] : [];
  if (c.identical) {
    const fp = c.finalFingerprint ? ` (final fingerprint ${c.finalFingerprint})` : '';
    lines.push(`identical: all ${c.comparedRecords} logged records of ${names.a} and ${names.b} are bit-identical${fp}`);
    return [...lines, ...headers].join('\n');
  }
  if (!c.first) {
    lines.push(`no divergence in the records both logs have, but ${c.lengthDifference ?? 'the logs differ in length'}`);
    return [...lines, ...headers].join('\n');
  }
  const f = c.first;
  const before = c.comparedRecords - 1;
  lines.push(`first divergence: ${describeStep(f)}; the ${before} logged record${before === 1 ? '' : 's'} before it ${before === 1 ? 'is' : 'are'} bit-identical`);
  if (f.mismatch) lines.push(`  ${f.mismatch}`);
  if (f.lossA !== f.lossB) lines.push(`  loss: ${String(f.lossA)} (${names.a}) vs ${String(f.lossB)} (${names.b})`);
  if (f.tensors.length > 0) {
    const firstTensor = f.tensors[0] as TensorDivergence;
    lines.push(`  first tensor to differ: ${firstTensor.layer === '' ? '' : `${firstTensor.layer}/`}${firstTensor.name} (${firstTensor.group})`);
    lines.push(`  differing tensors (gradients, optimizer state, weights; layers in forward order):`);
    for (const t of f.tensors) lines.push(`    ${tensorLine(t)}`);
    if (f.tensors.every((t) => !t.size && !t.shapeB)) lines.push('  (sizes need the tensor values in both logs: fingerprintLogger({ values: true }) or samebits check --values)');
  } else if (!f.mismatch) {
    lines.push('  every logged tensor is identical; only the loss differs (the data or the loss computation differ, not yet the weights)');
  }
  return [...lines, ...headers].join('\n');
}
