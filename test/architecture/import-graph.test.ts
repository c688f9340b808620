import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// DESIGN.md "Layers of the code": each folder imports only from folders ranked below it.
// Folders on one line of DESIGN.md share a rank where they do not import each other; where they
// do, the one imported sits a step lower (initializers and losses below layers, optimizers and
// metrics). util (small helpers with no SameBits imports) is the floor; stats (numerics on plain
// arrays) sits with tensor, above math and random; report and examples sit above repro, page (the
// browser page's script and the cross-engine training script) above examples, cli above all; the
// files at src/ itself are the package entries, which compose everything.
const RANK: Record<string, number> = {
  util: 0,
  math: 1,
  kernels: 2,
  random: 2,
  tensor: 3,
  stats: 3,
  autograd: 4,
  ops: 5,
  initializers: 6,
  losses: 6,
  layers: 7,
  optimizers: 7,
  metrics: 7,
  data: 7,
  datasets: 7,
  models: 8,
  io: 9,
  repro: 10,
  report: 11,
  examples: 11,
  page: 12,
  cli: 13,
  '(entry)': 14,
};

// Imports allowed against the order, each with its reason. Keep this list short.
const EXCEPTIONS: { from: string; to: string; reason: string }[] = [];

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** Every module specifier a file names: static imports and re-exports (type-only included), import() and import types. */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      out.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The folder of a path under src/ ('(entry)' for the files at src/ itself). */
function folderOf(path: string): string {
  const parts = relative(SRC, path).split(/[\\/]/);
  return parts.length > 1 ? (parts[0] as string) : '(entry)';
}

const edges = sourceFiles(SRC).flatMap((file) =>
  specifiers(file).filter((s) => s.startsWith('.')).map((s) => ({
    file: relative(SRC, file),
    from: folderOf(file),
    to: folderOf(resolve(file, '..', s)),
  })));

describe('the import graph', () => {
  it('places every folder of src/ in the order', () => {
    expect(edges.length).toBeGreaterThan(500); // the parse found the imports
    const folders = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
    expect(folders.filter((f) => RANK[f] === undefined)).toEqual([]);
  });

  it('has every folder import only from folders below it', () => {
    const upward = edges
      .filter((e) => e.from !== e.to && !((RANK[e.to] as number) < (RANK[e.from] as number)))
      .filter((e) => !EXCEPTIONS.some((x) => x.from === e.from && x.to === e.to))
      .map((e) => `${e.file} imports ${e.to}/ (${e.from} ${RANK[e.from]}, ${e.to} ${RANK[e.to]})`);
    expect([...new Set(upward)]).toEqual([]);
  });

  it('keeps models/ free of io/ and repro/ (model.save and the environment switches are hooks)', () => {
    expect(edges.filter((e) => e.from === 'models' && (e.to === 'io' || e.to === 'repro')).map((e) => e.file)).toEqual([]);
  });

  it('lists no exception that is no longer needed', () => {
    const stale = EXCEPTIONS.filter((x) => !edges.some((e) => e.from === x.from && e.to === x.to));
    expect(stale).toEqual([]);
  });
});
