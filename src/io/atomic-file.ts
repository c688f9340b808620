import { nodeFileOps } from './file-ops.js';

/**
 * Writes `bytes` to `path` atomically: a temporary file in the same directory, flushed to disk
 * (fsync), renamed over the target, then the directory flushed, so a crash at any moment leaves
 * either the old file or the new one, never a mix. Node only (node:fs is imported on use, so the
 * package still loads in browsers). The temporary name carries the process id:
 * `.<name>.tmp-<pid>`.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const ops = await nodeFileOps();
  const { dirname, basename, join } = await import('node:path');
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.tmp-${process.pid}`);
  await ops.remove(tmp);
  await ops.writeFileSynced(tmp, bytes);
  await ops.rename(tmp, path);
  await ops.syncDirectory(dir);
}
