import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptCommandLine } from '../../src/cli/run-script.js';

describe('running a TypeScript script', () => {
  it('says how to run TypeScript when tsx cannot be found from the working directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'samebits-no-tsx-'));
    writeFileSync(join(dir, 'train.ts'), 'export {};\n');
    expect(() => scriptCommandLine(join(dir, 'train.ts'), [], dir)).toThrow(/train\.ts is TypeScript.*npm install --save-dev tsx/s);
  });

  it('uses node --import tsx where tsx is installed', () => {
    expect(scriptCommandLine('train.ts', []).args.slice(0, 2)).toEqual(['--import', 'tsx']);
  });
});
