import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { data, setRandomSeed } from '../../src/node.js';

const items = Array.from({ length: 50 }, (_, i) => i);
const sorted = (a: readonly number[]): number[] => [...a].sort((p, q) => p - q);

async function pass<T>(ds: { open(p: readonly number[]): AsyncIterator<T> }, path: readonly number[]): Promise<T[]> {
  const out: T[] = [];
  const it = ds.open(path);
  for (let r = await it.next(); !r.done; r = await it.next()) out.push(r.value);
  return out;
}

describe('Dataset.shuffle', () => {
  it('gives a permutation of the elements, for buffers smaller than, equal to and larger than the data', async () => {
    for (const buffer of [1, 7, 50, 1000]) {
      const order = await data.array(items).shuffle(buffer, 3).toArray();
      expect(sorted(order)).toEqual(items);
      if (buffer === 1) expect(order).toEqual(items); // a buffer of one cannot reorder
      else expect(order).not.toEqual(items);
    }
  });

  it('with the same seed gives the same order; another seed another order', async () => {
    const a = await pass(data.array(items).shuffle(50, 11), [0]);
    const b = await pass(data.array(items).shuffle(50, 11), [0]);
    const c = await pass(data.array(items).shuffle(50, 12), [0]);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('reshuffles each pass (epoch): pass 0 and 1 differ, and pass e is the same whatever came before', async () => {
    const ds = data.array(items).shuffle(50, 11);
    const first = await ds.toArray();
    const second = await ds.toArray();
    expect(second).not.toEqual(first);
    expect(first).toEqual(await pass(ds, [0]));
    expect(second).toEqual(await pass(ds, [1]));
    expect(await pass(data.array(items).shuffle(50, 11), [7])).toEqual(await pass(ds, [7]));
  });

  it('with reshuffleEachIteration false gives one order on every pass', async () => {
    const ds = data.array(items).shuffle(20, 11, false);
    expect(await ds.toArray()).toEqual(await ds.toArray());
  });

  it('without a seed uses the global seed: the same after setRandomSeed again, other under another seed', async () => {
    setRandomSeed(4);
    const a = await data.array(items).shuffle(50).toArray();
    setRandomSeed(4);
    const b = await data.array(items).shuffle(50).toArray();
    setRandomSeed(5);
    const c = await data.array(items).shuffle(50).toArray();
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('inside repeat, each repetition has its own order (a pass of its own)', async () => {
    const order = await data.array(items).shuffle(50, 2).repeat(2).toArray();
    expect(sorted(order.slice(0, 50))).toEqual(items);
    expect(order.slice(50)).not.toEqual(order.slice(0, 50));
  });

  it('gives the same orders in a fresh process', async () => {
    const child = fileURLToPath(new URL('./shuffle-child.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const p = spawnSync(process.execPath, ['--import', 'tsx', child], { cwd: root, encoding: 'utf8' });
    expect(p.status, p.stderr).toBe(0);
    const there = JSON.parse(p.stdout) as { seeded: number[][]; unseeded: number[]; epoch3: number[] };
    setRandomSeed(5);
    const seeded = data.array(items).shuffle(16, 42);
    const unseeded = data.array(items).shuffle(50);
    expect(there.seeded).toEqual([await seeded.toArray(), await seeded.toArray()]);
    expect(there.unseeded).toEqual(await unseeded.toArray());
    expect(there.epoch3).toEqual(await pass(seeded, [3]));
  });
});
