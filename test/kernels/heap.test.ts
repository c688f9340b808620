import { describe, expect, it } from 'vitest';
import { Heap } from '../../src/kernels/wasm/heap.js';
import { allocFloat32 } from '../../src/kernels/index.js';
import { setBackend, variable, zeros } from '../../src/index.js';

describe('the kernel memory heap', () => {
  it('gives long-lived storage only within its budget; past it, null (an ordinary array serves)', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4096, shared: true });
    const heap = new Heap(memory, 1024, 1 << 20);
    const views: Float32Array[] = [];
    for (let i = 0; i < 4; i++) views.push(heap.allocView(65536) as Float32Array); // 4 × 256 KiB = the budget
    expect(views.every((v) => v instanceof Float32Array)).toBe(true);
    expect(heap.allocView(65536)).toBeNull();
    expect(heap.allocView(16)).toBeNull();
  });

  it('returns null, not a RangeError, when the memory cannot grow, and stays usable', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const heap = new Heap(memory, 1024);
    expect(heap.allocView(1 << 20)).toBeNull(); // 4 MiB > 2 pages
    const small = heap.allocView(16);
    expect(small).toBeInstanceOf(Float32Array);
    expect(Array.from(small as Float32Array)).toEqual(new Array(16).fill(0));
  });

  it('making many large variables in a loop without yielding does not exhaust the memory', () => {
    setBackend('wasm');
    for (let i = 0; i < 1200; i++) variable(zeros([1000, 1000])); // 4.8 GB in all, more than wasm32 can address
    expect(allocFloat32(4).length).toBe(4);
  }, 120_000);
});
