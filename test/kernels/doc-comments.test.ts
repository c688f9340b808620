import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md law 2 / STYLE.md rule 3: each kernel's doc comment states its reference order of
 * arithmetic ("Reference order: …"), or says it does none ("Pure data movement").
 * Geometry helpers that compute no tensor values are exempt.
 */
const GEOMETRY_ONLY = ['reduceGeometry', 'broadcastStrides', 'stridesOf'];
const kernelsDir = fileURLToPath(new URL('../../src/kernels/reference/', import.meta.url));

function exportedFunctions(source: string): { name: string; doc: string | undefined }[] {
  const found: { name: string; doc: string | undefined }[] = [];
  const pattern = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?export function (\w+)/g;
  for (const match of source.matchAll(pattern)) found.push({ name: match[2] as string, doc: match[1] });
  return found;
}

describe('kernel doc comments', () => {
  const files = readdirSync(kernelsDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');
  const kernels = files.flatMap((file) => exportedFunctions(readFileSync(kernelsDir + file, 'utf8')).map((k) => ({ file, ...k })));

  it('finds the kernels', () => {
    expect(kernels.map((k) => k.name)).toEqual(expect.arrayContaining(['matMul', 'sum', 'binaryBroadcast', 'scatterAdd', 'transpose']));
  });

  it.each(kernels.filter((k) => !GEOMETRY_ONLY.includes(k.name)))('$file: $name states its reference order', ({ doc }) => {
    expect(doc, 'doc comment').toBeDefined();
    expect(doc).toMatch(/Reference order|Pure data movement/);
  });
});
