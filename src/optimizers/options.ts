import { unknownId } from '../util/suggest.js';

/** What a hyperparameter may be; each rule names its range in the error message. */
export type Rule = 'nonNegative' | 'positive' | 'unitOpen' | 'unit';

const RULE_TEXT: Record<Rule, string> = {
  nonNegative: 'a finite number >= 0',
  positive: 'a finite number > 0',
  unitOpen: 'a number in [0, 1)',
  unit: 'a number in [0, 1]',
};

function satisfies(value: number, rule: Rule): boolean {
  if (!Number.isFinite(value)) return false;
  if (rule === 'nonNegative') return value >= 0;
  if (rule === 'positive') return value > 0;
  if (rule === 'unitOpen') return value >= 0 && value < 1;
  return value >= 0 && value <= 1;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/**
 * Checks a hyperparameter and returns it; the error names the optimizer and the argument.
 * @example checkNumber('Adam', 'beta1', 1.5, 'unitOpen') // throws "Adam: beta1 must be a number in [0, 1), received 1.5"
 */
export function checkNumber(owner: string, name: string, value: unknown, rule: Rule): number {
  if (typeof value !== 'number' || !satisfies(value, rule)) {
    throw new Error(`${owner}: ${name} must be ${RULE_TEXT[rule]}, received ${describe(value)}`);
  }
  return value;
}

/** An options object; interfaces such as `AdamOptions` have no index signature, hence `object`. */
type Options = object;

/** The option under one of its spellings (`beta1` or Keras `beta_1`), or undefined if absent or null. */
function lookup(owner: string, options: Options, names: readonly string[]): { name: string; value: unknown } | undefined {
  let found: { name: string; value: unknown } | undefined;
  for (const name of names) {
    const value = (options as Record<string, unknown>)[name];
    if (value === undefined || value === null || !Object.hasOwn(options, name)) continue;
    if (found) throw new Error(`${owner}: option given twice, as ${found.name} and as ${name}`);
    found = { name, value };
  }
  return found;
}

/** A numeric option: the first spelling present, checked by `rule`, or `fallback`. */
export function numberOption(owner: string, options: Options, names: readonly string[], fallback: number, rule: Rule): number {
  const found = lookup(owner, options, names);
  return found ? checkNumber(owner, found.name, found.value, rule) : fallback;
}

/** A numeric option that may be absent (Keras `None`): null when not given. */
export function optionalNumberOption(owner: string, options: Options, names: readonly string[], rule: Rule): number | null {
  const found = lookup(owner, options, names);
  return found ? checkNumber(owner, found.name, found.value, rule) : null;
}

/** A boolean option, or `fallback`. */
export function booleanOption(owner: string, options: Options, names: readonly string[], fallback: boolean): boolean {
  const found = lookup(owner, options, names);
  if (!found) return fallback;
  if (typeof found.value !== 'boolean') throw new Error(`${owner}: ${found.name} must be a boolean, received ${describe(found.value)}`);
  return found.value;
}

/** Throws for an option name nobody reads (a typo such as `learningrate`), suggesting the closest. */
export function checkOptionNames(owner: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new Error(`${owner}: options must be an object such as { learningRate: 0.01 }, received ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new Error(`${owner}: ${unknownId('option', key, known)}`);
  }
}
