import type { Comparison } from './compare.js';

/** 4 significant digits, with an explicit sign when `signed` (toPrecision is exact in ECMAScript). */
export function formatStat(x: number, signed = false): string {
  if (!Number.isFinite(x)) return String(x);
  const text = x === 0 ? '0' : Number(x.toPrecision(4)).toString();
  return signed && x > 0 ? `+${text}` : text;
}

function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(2)).toString()}`;
}

function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6)).toString()}%`;
}

/**
 * The plain-words summary of a comparison, e.g. "B is better in 71% of seed pairs (mean
 * accuracy 0.9123 for A, 0.9254 for B; B − A = +0.0131, bootstrap 95% CI [−0.004, 0.031]); the
 * difference is not significant at 5% with 10 runs each (Welch's t-test, p = 0.14); about 40
 * runs each would be needed to detect it (80% power)."
 */
export function describeComparison(c: Omit<Comparison, 'summary'>): string {
  const { a, b } = c;
  const pA = c.probabilityABeatsB;
  const winner = pA > 0.5 ? a.name : b.name;
  const share = Math.round(100 * Math.max(pA, 1 - pA));
  const who = pA === 0.5 ? `${a.name} and ${b.name} are each better in half of the seed pairs` : `${winner} is better in ${share}% of seed pairs`;
  const metric = c.metric === undefined ? 'mean' : `mean ${c.metric}`;
  const [lo, hi] = c.bootstrapCi95;
  const numbers = `${metric} ${formatStat(a.mean)} for ${a.name}, ${formatStat(b.mean)} for ${b.name}; ${b.name} − ${a.name} = ${formatStat(c.difference, true)}, bootstrap 95% CI [${formatStat(lo)}, ${formatStat(hi)}]`;
  const runs = a.n === b.n ? `${a.n} runs each` : `${a.n} and ${b.n} runs`;
  const level = percent(c.alpha);
  const test = `${runs} (Welch's t-test, ${formatP(c.welch.p)})`;
  if (c.significant) return `${who} (${numbers}); the difference is significant at ${level} with ${test}.`;
  const needed = c.runsNeeded === Infinity
    ? 'the means are equal, so no number of runs would detect a difference'
    : `about ${c.runsNeeded} runs each would be needed to detect a difference this large (${percent(c.power)} power)`;
  return `${who} (${numbers}); the difference is not significant at ${level} with ${test}; ${needed}.`;
}
