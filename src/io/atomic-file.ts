/**
 * Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed to disk
 * (fsync), renamed over the target, then the directory flushed, so a crash at any moment leaves
 * either the old file or the new one, never a mix. Node only (node:fs is imported on use, so the
 * package still loads in browsers).
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const fs = await import('node:fs/promises');
  const { dirname, basename, join } = await import('node:path');
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}`);
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, path);
  await syncDirectory(dir);
}

/** fsync a directory so a rename in it is durable (a no-op where the platform refuses). */
export async function syncDirectory(dir: string): Promise<void> {
  const fs = await import('node:fs/promises');
  let handle: Awaited<ReturnType<typeof fs.open>> | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic.
  } finally {
    await handle?.close();
  }
}
