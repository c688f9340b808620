import type { Layer, LayerNode, SymbolicTensor } from '../layers/index.js';
import { InputLayer } from '../layers/index.js';

/** A functional model's graph in the orders that matter (TF.js `Container`'s maps). */
export interface GraphMap {
  /** The layers: by decreasing depth (inputs first), within a depth in traversal order. */
  layers: Layer[];
  /** The calls to run, in execution order: by decreasing depth, within a depth in traversal order. */
  nodes: LayerNode[];
}

const describe = (t: SymbolicTensor): string => `'${t.name}' (from layer '${t.sourceLayer.name}')`;

/**
 * Maps the graph between `inputs` and `outputs`, as TF.js and Keras do: a depth-first walk from
 * each output in order (post-order over the nodes), depths from the outputs back, layers and
 * nodes sorted by decreasing depth and, within a depth, by traversal order. Every order is a
 * function of the graph's structure and the order of the lists given, never of object identity
 * or names. Throws, naming the model, for a cycle, an input that is not made by `input()`,
 * a tensor the inputs cannot compute (a disconnected graph), an input no output needs, and
 * duplicate layer names.
 * @example const { layers, nodes } = mapGraph([x], [y], 'functional');
 */
export function mapGraph(inputs: readonly SymbolicTensor[], outputs: readonly SymbolicTensor[], modelName: string): GraphMap {
  inputs.forEach((x, i) => {
    if (!(x.sourceLayer instanceof InputLayer)) throw new Error(`${modelName}: inputs[${i}] is ${describe(x)}, a ${x.sourceLayer.className} output; model inputs must be made by input()`);
    const first = inputs.indexOf(x);
    if (first !== i) throw new Error(`${modelName}: inputs[${i}] is the same tensor as inputs[${first}] (${describe(x)}); each input must appear once`);
  });
  // NOTE: the sets answer membership only; every order comes from the arrays.
  const finished: LayerNode[] = []; // post-order: a node after every node it needs
  const finishedSet = new Set<LayerNode>();
  const inProgress = new Set<LayerNode>();
  const layerOrder: Layer[] = []; // traversal order: a layer when first reached
  const reached = new Set<Layer>();
  const visit = (node: LayerNode): void => {
    if (inProgress.has(node)) throw new Error(`${modelName}: layer '${node.layer.name}' is part of a cycle`);
    if (finishedSet.has(node)) return;
    if (!reached.has(node.layer)) {
      reached.add(node.layer);
      layerOrder.push(node.layer);
    }
    inProgress.add(node);
    for (const x of node.inputs) visit(x.node);
    inProgress.delete(node);
    finished.push(node);
    finishedSet.add(node);
  };
  for (const y of outputs) visit(y.node);

  // Depth 0 at the outputs; a node's inputs are at least one deeper. A shared layer takes its deepest node's depth.
  const nodeDepth = new Map<LayerNode, number>();
  const layerDepth = new Map<Layer, number>();
  for (const node of finished.slice().reverse()) {
    const depth = Math.max(nodeDepth.get(node) ?? 0, layerDepth.get(node.layer) ?? 0);
    nodeDepth.set(node, depth);
    layerDepth.set(node.layer, depth);
    for (const x of node.inputs) nodeDepth.set(x.node, Math.max(depth + 1, nodeDepth.get(x.node) ?? 0));
  }
  const byDepth = <T>(items: readonly T[], depth: (t: T) => number): T[] =>
    items.map((item, order) => ({ item, order, d: depth(item) })).sort((a, b) => b.d - a.d || a.order - b.order).map((e) => e.item);
  const layers = byDepth(layerOrder, (l) => layerDepth.get(l) ?? 0);
  const nodes = byDepth(finished, (n) => nodeDepth.get(n) ?? 0);

  const computable = new Set<SymbolicTensor>(inputs);
  const done: string[] = [];
  for (const node of nodes) {
    if (node.layer instanceof InputLayer) {
      const x = node.outputs[0] as SymbolicTensor;
      if (!computable.has(x)) throw new Error(`${modelName}: graph disconnected: the outputs need input ${describe(x)}, which is not among the model's inputs (${inputs.map((i) => `'${i.name}'`).join(', ') || 'none'}); add it to inputs`);
    } else {
      const missing = node.inputs.find((x) => !computable.has(x));
      if (missing) throw new Error(`${modelName}: graph disconnected: cannot obtain the value of ${describe(missing)} at layer '${node.layer.name}'; the layers reached without issue: ${done.join(', ') || 'none'}`);
      for (const x of node.outputs) computable.add(x);
    }
    done.push(node.layer.name);
  }
  inputs.forEach((x, i) => {
    if (!reached.has(x.sourceLayer)) throw new Error(`${modelName}: inputs[${i}] ${describe(x)} is not connected to any output; every input must feed some output`);
  });
  const names = layers.map((l) => l.name);
  const seen = new Set<string>();
  const repeated = names.find((n) => seen.size === seen.add(n).size);
  if (repeated !== undefined) throw new Error(`${modelName}: the layer name '${repeated}' is used ${names.filter((n) => n === repeated).length} times in the model; layer names must be unique (they name the weights). Layer names: ${names.join(', ')}`);
  return { layers, nodes };
}
