const PAGE = 65536;
const MIN_CLASS = 6; // 64-byte blocks at least, 64-byte aligned: every SIMD load is aligned
/**
 * The most bytes of long-lived storage (`allocView`) alive at once. Blocks return only when the
 * garbage collector finalizes their views, and V8 does not count this memory as pressure, so a
 * program making many variables could otherwise grow the memory to its 4 GiB limit before any
 * collection; past the budget, storage is an ordinary array (the kernels copy it), which the
 * collector does see.
 */
const RESIDENT_BUDGET = 256 * 1024 * 1024;
/** CLASS_BYTES[c] = 2^c. */
const CLASS_BYTES: number[] = [1];
for (let c = 1; c <= 32; c++) CLASS_BYTES.push((CLASS_BYTES[c - 1] as number) * 2);

/**
 * Blocks of the kernel module's shared memory, in power-of-two size classes with a free list
 * per class; new blocks come from the top, growing the memory (shared memory never detaches
 * views taken earlier). `allocView` gives long-lived float32 storage (variables, optimizer
 * slots) that kernels read and write in place; its block returns to the free list when the view
 * is garbage-collected.
 */
export class Heap {
  private top: number;
  private readonly free: number[][] = [];
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  private readonly registry: FinalizationRegistry<number> | null;
  /** Bytes in blocks handed out and not yet returned. */
  liveBytes = 0;
  /** Bytes of those in `allocView` blocks. */
  residentBytes = 0;

  constructor(private readonly memory: WebAssembly.Memory, base: number, private readonly budget: number = RESIDENT_BUDGET) {
    this.top = (base + 63) & ~63;
    const Registry = (globalThis as { FinalizationRegistry?: typeof FinalizationRegistry }).FinalizationRegistry;
    // NOTE: the held value packs (offset, class): offset is 64-aligned, so its low 6 bits hold the class.
    this.registry = Registry ? new Registry<number>((held) => {
      this.residentBytes -= CLASS_BYTES[held & 63] as number;
      this.release(held & ~63, held & 63);
    }) : null;
  }

  /** Bytes in a block of class `cls`. */
  static classBytes(cls: number): number {
    return CLASS_BYTES[cls] as number;
  }

  /** A block of at least `bytes`; returns [offset, class]. */
  alloc(bytes: number): [number, number] {
    let cls = MIN_CLASS;
    while ((CLASS_BYTES[cls] as number) < bytes) cls++;
    const size = CLASS_BYTES[cls] as number;
    const reuse = this.free[cls]?.pop();
    this.liveBytes += size;
    if (reuse !== undefined) return [reuse, cls];
    const at = this.top;
    const needed = at + size - this.memory.buffer.byteLength;
    if (needed > 0) {
      try {
        this.memory.grow(Math.ceil(needed / PAGE));
      } catch (error) {
        this.liveBytes -= size;
        throw error;
      }
    }
    this.top = at + size;
    return [at, cls];
  }

  /** Returns a block to its free list. */
  release(offset: number, cls: number): void {
    (this.free[cls] ??= []).push(offset);
    this.liveBytes -= CLASS_BYTES[cls] as number;
  }

  /** The memory's current buffer, remembered so that `isResident` knows views taken from it. */
  buffer(): ArrayBufferLike {
    const b = this.memory.buffer;
    this.buffers.add(b);
    return b;
  }

  /**
   * Zeroed float32 storage of `count` elements in the module's memory, freed when the returned
   * view is garbage-collected. Null where the engine has no FinalizationRegistry, past the
   * resident budget, or when the memory cannot grow.
   */
  allocView(count: number): Float32Array | null {
    const bytes = Math.max(4, count * 4);
    if (!this.registry || this.residentBytes + bytes > this.budget) return null;
    let block: [number, number];
    try {
      block = this.alloc(bytes);
    } catch {
      return null; // the memory cannot grow: an ordinary array serves, the kernels copy it
    }
    const [at, cls] = block;
    this.residentBytes += CLASS_BYTES[cls] as number;
    const view = new Float32Array(this.buffer(), at, count);
    view.fill(0);
    this.registry.register(view, at | cls);
    return view;
  }

  /** True when `values` views this module's memory, so kernels can use it in place. */
  isResident(values: ArrayBufferView): boolean {
    return this.buffers.has(values.buffer);
  }
}
