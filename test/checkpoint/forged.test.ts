// Hostile checkpoints: the header is rewritten and the SHA-256 recomputed, so the checksum
// passes and only validation of every field stands between the file and the model.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { checkpointFiles } from '../../src/io/checkpoint.js';
import { fingerprint } from '../../src/node.js';
import { fitTiny, forge, freshDir, newest, removeDirs, stateBytes, tinyModel } from './tiny-run.js';

afterAll(removeDirs);

type Header = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const cases: [string, RegExp, (h: Header) => void][] = [
  ['optimizer weights that are not a list', /optimizer\.weights/, (h) => { h['optimizer'].weights = { 0: 1 }; }],
  ['a tensor of dtype float64', /weights\[0\]\.dtype.*float64/, (h) => { h['weights'][0].dtype = 'float64'; }],
  ['a history entry that is a string', /snapshot\.history\.history\.loss/, (h) => { h['snapshot'].history.history.loss = 'abc'; }],
  ['a negative epoch', /snapshot\.epoch.*-5/, (h) => { h['snapshot'].epoch = -5; }],
  ['a fractional batch', /snapshot\.batch.*2\.5/, (h) => { h['snapshot'].batch = 2.5; }],
  ['a batch past the epoch', /snapshot\.batch.*9/, (h) => { h['snapshot'].batch = 9; }],
  ['a negative dimension', /weights\[1\]\.shape/, (h) => { h['weights'][1].shape = [-3]; }],
  ['a byte offset outside the payload', /weights\[0\]\.byteOffset/, (h) => { h['weights'][0].byteOffset = 1e9; }],
  ['overlapping tensors', /weights\[1\]\.byteOffset/, (h) => { h['weights'][1].byteOffset = 0; }],
  ['a negative optimizer iteration count', /optimizer\.iterations/, (h) => { h['optimizer'].iterations = -1; }],
  ['no partial sums mid-epoch', /snapshot\.partial/, (h) => { h['snapshot'].partial = null; }],
  ['partial sums that are not numbers', /snapshot\.partial\.loss\.sum/, (h) => { h['snapshot'].partial.loss.sum = 'x'; }],
  ['a fractional seed', /snapshot\.seed/, (h) => { h['snapshot'].seed = 1.5; }],
  ['a shuffle flag that is a string', /snapshot\.options\.shuffle/, (h) => { h['snapshot'].options.shuffle = 'yes'; }],
  ['layer names that are numbers', /layers\[0\]/, (h) => { h['layers'] = [1]; }],
  ['history arrays longer than the epoch list', /snapshot\.history\.history\.loss.*1 epoch/, (h) => { h['snapshot'].history.history.loss = [1, 2]; }],
  ['a history epoch from the future', /snapshot\.history\.epoch/, (h) => { h['snapshot'].history.epoch = [7]; }],
  ['no data digests', /snapshot\.data/, (h) => { delete h['snapshot'].data; }],
  ['an optimizer slot of dtype int32', /optimizer\.weights\[1\]\.dtype/, (h) => { h['optimizer'].weights[1].dtype = 'int32'; }],
  ['a weight name that is not a string', /weights\[0\]\.name/, (h) => { h['weights'][0].name = null; }],
];

describe('forged checkpoints (valid checksum, hostile content)', () => {
  it.each(cases)('refuse %s, naming the file and the field, and leave the model untouched', async (_what, field, edit) => {
    const dir = freshDir();
    await fitTiny(tinyModel(), dir, undefined, { stopAfter: 6 }); // newest: epoch 1, batch 2 (of 4)
    const file = await newest(dir);
    forge(file, edit);
    const model = tinyModel(3);
    const before = stateBytes(model);
    const error = await fitTiny(model, dir).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toContain(`checkpoint ${file}: `);
    expect(error?.message).toMatch(field);
    expect(stateBytes(model)).toEqual(before);
  });
});

describe('a damaged newest checkpoint with an older valid one (keep: 2)', () => {
  async function straightFingerprint(): Promise<string> {
    const model = tinyModel();
    await fitTiny(model, freshDir());
    return fingerprint(model);
  }

  it.each([
    ['forged', (f: string) => forge(f, (h) => { h['snapshot'].epoch = -5; })],
    ['with a flipped bit', (f: string) => { const b = readFileSync(f); b[100] = (b[100] as number) ^ 1; writeFileSync(f, b); }],
  ])('%s: is refused with an error naming the older one and fallbackToOlder', async (_what, damage) => {
    const dir = freshDir();
    await fitTiny(tinyModel(), dir, undefined, { stopAfter: 6 });
    const [older, latest] = await checkpointFiles(dir);
    damage(latest as string);
    const error = await fitTiny(tinyModel(3), dir).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toContain(`checkpoint ${latest as string}: `);
    expect(error?.message).toContain(basename(older as string));
    expect(error?.message).toContain('fallbackToOlder: true');
  });

  it('fallbackToOlder: true resumes from the newest valid one, with a warning, to the uninterrupted bits', async () => {
    const straight = await straightFingerprint();
    const dir = freshDir();
    await fitTiny(tinyModel(), dir, undefined, { stopAfter: 6 });
    const [older, latest] = await checkpointFiles(dir);
    forge(latest as string, (h) => { h['snapshot'].epoch = -5; });
    const warn = vi.spyOn(console, 'warn');
    const model = tinyModel(3);
    await fitTiny(model, dir, undefined, { backup: { fallbackToOlder: true } });
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(new RegExp(`${basename(latest as string)}.*${basename(older as string)}`, 's'));
    warn.mockRestore();
    expect(fingerprint(model)).toBe(straight);
  });
});
