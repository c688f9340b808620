import type { SymbolicShape } from '../layers/index.js';
import { Tensor } from '../ops/tensor.js';
import type { DataInput } from './data.js';
import { toSamples } from './data.js';
import type { EngineModel } from './engine.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Tensor) && !ArrayBuffer.isView(v);
const quoted = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(', ');
const shapeText = (shape: SymbolicShape | readonly number[]): string => `[${shape.map((d) => (d === null ? '*' : String(d))).join(', ')}]`;

/** What `xs` or `ys` of a dataset element is, in words, for errors. */
function describe(v: unknown): string {
  if (v instanceof Tensor) return `one tensor of shape [${v.shape.join(',')}]`;
  if (isPlainObject(v)) return `an object with keys [${Object.keys(v).join(', ')}]`;
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return typeof v;
}

/**
 * One side of an element (`xs` for the inputs, `ys` for the outputs) as one tensor per name, by
 * TF.js's rules (`training_dataset.ts`): a tensor for a model with one, a list in the model's
 * order, or a dict keyed by name. As in TF.js (and Keras, which warns), a dict's keys that name
 * nothing of the model are ignored; a missing one is an error that lists the keys received.
 */
function flatten(model: EngineModel, v: unknown, side: 'xs' | 'ys', method: string, allowNonFinite: boolean): { tensors: Tensor[]; labels: string[] } {
  const names = side === 'xs' ? model.inputNames : model.outputNames;
  const what = side === 'xs' ? 'input' : 'output';
  const many = names.length > 1;
  const counted = `${names.length} ${what}${many ? 's' : ''} (${quoted(names)})`;
  if (isPlainObject(v)) {
    const labels = names.map((n) => `the dataset's ${side}['${n}']`);
    const missing = names.find((n) => !Object.hasOwn(v, n) || v[n] === undefined || v[n] === null); // own keys only: 'constructor' is not on every object
    if (missing !== undefined && !many) throw new Error(`${method}: the dataset's ${side} is an object with keys [${Object.keys(v).join(', ')}], but ${model.name} has one ${what}, named '${names[0] as string}'; key it by that name, or map each element to arrays before batching, e.g. .map(({xs, ys}) => ({xs: Object.values(xs), ys: Object.values(ys)})).batch(n)`);
    if (missing !== undefined) throw new Error(`${method}: the dataset's ${side} has no entry for ${what} '${missing}' (its keys: ${quoted(Object.keys(v)) || 'none'}); expected a key for each of ${model.name}'s ${counted}`);
    return { tensors: names.map((n, i) => toSamples(v[n] as DataInput, labels[i] as string, method, allowNonFinite)), labels };
  }
  // A list stands for one tensor per name when it holds tensors, or when the model has several;
  // otherwise it is one array of samples (a model with one input or output).
  if (Array.isArray(v) && v.length > 0 && (many || v.every((t) => t instanceof Tensor))) {
    if (v.length !== names.length) throw new Error(`${method}: the dataset's ${side} is a list of ${v.length}, but ${model.name} has ${counted}; give one tensor per ${what}, in that order, or a dict keyed by those names`);
    const labels = names.map((n, i) => `the dataset's ${side}[${i}] ('${n}')`);
    return { tensors: v.map((t, i) => toSamples(t as DataInput, labels[i] as string, method, allowNonFinite)), labels };
  }
  // NOTE: zip([dsA, dsB]) yields [rowA, rowB], which batch stacks into one [n, 2, …] tensor (TF.js rules).
  const stacked = v instanceof Tensor && v.rank > 1 && v.shape[1] === names.length;
  const why = stacked ? `; batch stacks a list of equal-length arrays into one tensor (TF.js rules): zip the ${what}s as a dict, data.zip({${names.map((n) => `${n}: …`).join(', ')}}), or split the tensor after batching with .map` : '';
  if (many) throw new Error(`${method}: the dataset's ${side} is ${describe(v)}, but ${model.name} has ${counted}${why || `; give a list of ${names.length} tensors in that order, or a dict {${names.map((n) => `${n}: …`).join(', ')}}`}`);
  const label = `the dataset's ${side}`;
  return { tensors: [toSamples(v as DataInput, label, method, allowNonFinite)], labels: [label] };
}

/**
 * Checks the inputs' shapes against the model's, where known. NOTE: the commonest slip in ported
 * TF.js code is a dataset without .batch(n); its xs is then one sample, said as such rather than
 * as a shape mismatch.
 */
function checkInputShapes(model: EngineModel, x: readonly Tensor[], labels: readonly string[], method: string): void {
  const declared = model.inputShapes();
  if (!declared) return;
  const names = model.inputNames;
  const fitsSample = (t: Tensor, d: SymbolicShape): boolean => t.rank === d.length - 1 && d.slice(1).every((e, j) => e === null || e === t.shape[j]);
  if (declared.every((d, i) => fitsSample(x[i] as Tensor, d))) {
    const [d, t] = [declared[0] as SymbolicShape, x[0] as Tensor];
    throw new Error(`${method}: ${labels[0] as string} has shape [${t.shape.join(',')}], the shape of one sample of ${model.name}'s input${names.length > 1 ? ` '${names[0] as string}'` : ''} [${d.map((e) => (e === null ? 'null' : String(e))).join(', ')}]; the elements look unbatched: call .batch(batchSize) on the dataset (fitDataset takes batches, as in TF.js)`);
  }
  declared.forEach((d, i) => {
    const t = x[i] as Tensor;
    const fixed = d[0];
    if (fixed !== null && fixed !== undefined && t.rank === d.length && t.shape[0] !== fixed) {
      throw new Error(`${method}: ${labels[i] as string} has ${String(t.shape[0])} rows, but ${model.name}'s input '${names[i] as string}' has a fixed batch size of ${fixed} (input shape ${shapeText(d)}); batch the dataset with .batch(${fixed}, false) to drop a smaller last batch`);
    }
    if (t.rank !== d.length || d.some((e, j) => j > 0 && e !== null && e !== t.shape[j])) {
      throw new Error(`${method}: ${labels[i] as string} does not fit ${model.name}'s input '${names[i] as string}': expected input shape ${shapeText(d)}, received ${shapeText(t.shape)}; each batch of it must hold samples of shape ${shapeText(d.slice(1))}${names.length > 1 ? ' (check the order of the inputs, or key them by name)' : ''}`);
    }
  });
}

/**
 * One dataset element as a model's batch: `{xs, ys}` (TF.js) or `[xs, ys]`, each a tensor (a
 * model with one input / output), a list of tensors in the model's order, or a dict keyed by
 * input / output name (TF.js `fitDataset`'s rules). Checks counts, names, the inputs' shapes and
 * that every tensor holds the same number of rows; errors name the method, the part of the
 * element, what was received and what was expected, and `at`, the batch's place in the dataset.
 * @example const { x, y } = standardizeBatch(m, { xs: { in_a: xa, in_b: xb }, ys: [y1, y2] }, 'm.fitDataset', false) // x: [xa, xb]
 */
export function standardizeBatch(model: EngineModel, element: unknown, method: string, allowNonFinite: boolean, at?: { batch: number; pass?: number }): { x: Tensor[]; y: Tensor[] } {
  if (!at) return standardize(model, element, method, allowNonFinite);
  try {
    return standardize(model, element, method, allowNonFinite);
  } catch (error) {
    // A row number alone points into the wrong batch: say which batch of which pass it was.
    throw new Error(`${(error as Error).message} (in batch ${at.batch} of the dataset${at.pass === undefined ? '' : `'s pass ${at.pass}`}, counting from 0)`, { cause: error });
  }
}

function standardize(model: EngineModel, element: unknown, method: string, allowNonFinite: boolean): { x: Tensor[]; y: Tensor[] } {
  let xs: unknown;
  let ys: unknown;
  if (isPlainObject(element) && 'xs' in element && 'ys' in element) ({ xs, ys } = element);
  else if (Array.isArray(element) && element.length === 2) [xs, ys] = element as unknown[];
  else {
    const got = isPlainObject(element) ? `an object with keys [${Object.keys(element).join(', ')}]` : Array.isArray(element) ? `an array of ${element.length}` : element instanceof Tensor ? `a tensor of shape [${element.shape.join(',')}]` : typeof element;
    throw new Error(`${method}: expected each dataset element to be {xs, ys} or [xs, ys] (a batch of inputs and targets), received ${got}`);
  }
  const inputs = flatten(model, xs, 'xs', method, allowNonFinite);
  // Before ys: an unbatched element's label is a scalar, whose own error would hide the cause.
  checkInputShapes(model, inputs.tensors, inputs.labels, method);
  const outputs = flatten(model, ys, 'ys', method, allowNonFinite);
  const all = [...inputs.tensors, ...outputs.tensors];
  const labels = [...inputs.labels, ...outputs.labels];
  const n = all[0]?.shape[0];
  const bad = all.findIndex((t) => t.shape[0] !== n);
  if (bad >= 0) throw new Error(`${method}: in one element of the dataset, ${labels[0] as string} has ${String(n)} rows but ${labels[bad] as string} has ${String(all[bad]?.shape[0])}; expected the same number of samples (rows) in every input and target of an element (batch them from the same rows: zip the datasets, then .batch(n))`);
  model.checkInputs(inputs.tensors.map((t) => t.shape)); // builds a Sequential model on its first batch
  return { x: inputs.tensors, y: outputs.tensors };
}
