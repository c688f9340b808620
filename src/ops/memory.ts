/** What `memory()` reports (TF.js `MemoryInfo`). */
export interface MemoryInfo {
  numTensors: number;
  numDataBuffers: number;
  numBytes: number;
  unreliable: boolean;
  reasons: string[];
}

/**
 * TF.js `tf.memory()`. SameBits does not track tensors: the garbage collector owns their memory
 * and nothing needs disposing, so there is nothing that can leak through a missing `dispose`.
 * The counts are therefore always 0 (what a leak-free TF.js program reports after `tidy`), with
 * `unreliable: true` and the reason, so code that prints or compares them keeps running.
 * @example console.log(memory().numTensors) // 0
 */
export function memory(): MemoryInfo {
  return {
    numTensors: 0, numDataBuffers: 0, numBytes: 0, unreliable: true,
    reasons: ['SameBits does not track tensors: the garbage collector owns their memory, so there is nothing to dispose or leak'],
  };
}

/**
 * Resolves after the engine has had a chance to do other work (TF.js `tf.nextFrame`): the next
 * animation frame in a browser, else the next macrotask. It affects no numeric result.
 * @example await nextFrame();
 */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => unknown }).requestAnimationFrame;
    if (typeof raf === 'function') raf(() => resolve());
    else if (typeof globalThis.setTimeout === 'function') globalThis.setTimeout(resolve, 0);
    else void Promise.resolve().then(resolve); // engines without timers (QuickJS)
  });
}
