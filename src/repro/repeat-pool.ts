/**
 * Runs `work` on every item with at most `parallel` in flight, starting them in item order.
 * After the first failure no new item starts; the ones in flight finish (so a finished run is
 * never lost), then the first error is thrown.
 * @example await runPool(seeds, 2, async (seed) => { await trainAndSave(seed); });
 */
export async function runPool<T>(items: readonly T[], parallel: number, work: (item: T, slot: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (slot: number): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item, slot);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const lanes = Math.max(1, Math.min(parallel, items.length));
  await Promise.all(Array.from({ length: lanes }, (_, slot) => lane(slot)));
  if (failure !== undefined) throw failure.error;
}
