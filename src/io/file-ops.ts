/**
 * The few file operations the `file://` handler needs, behind an interface so that tests can
 * make any step fail. The Node implementation imports `node:fs/promises` only when first used,
 * so the package still loads in browsers.
 */

import type * as FsPromises from 'node:fs/promises';

/** What a path is, or null when nothing is there. */
export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
}

/** File operations of the `file://` handler. */
export interface FileOps {
  /** Creates a directory and its parents (no error when it exists). */
  mkdir(path: string): Promise<void>;
  stat(path: string): Promise<FileStat | null>;
  readFile(path: string): Promise<Uint8Array>;
  /** Creates a new file (failing if it exists), writes all of `data`, flushes it to disk, closes it. */
  writeFileSynced(path: string, data: Uint8Array): Promise<void>;
  /** Atomically replaces `to` with `from` (POSIX rename). */
  rename(from: string, to: string): Promise<void>;
  /** Flushes a directory's entries (the renames in it) to disk. */
  syncDirectory(path: string): Promise<void>;
  /** Removes a file; no error when it is already gone. */
  remove(path: string): Promise<void>;
  /**
   * The canonical absolute path, symlinks resolved. Loading uses it to keep weight files inside
   * the model's directory; a FileOps without it (an in-memory one) has no symlinks to follow.
   */
  realpath?(path: string): Promise<string>;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? ((error as { code?: unknown }).code as string | undefined) : undefined;
}

let cached: FileOps | undefined;

/** The Node.js implementation; throws a clear error where `node:fs` does not exist. */
export async function nodeFileOps(): Promise<FileOps> {
  if (cached) return cached;
  let fs: typeof FsPromises;
  try {
    // A computed specifier, so that bundlers for browsers do not try to include node:fs.
    const specifier = 'node:fs/promises';
    fs = (await import(specifier)) as typeof FsPromises;
  } catch (error) {
    throw new Error('file:// handlers need Node.js (node:fs is not available in this environment); in a browser use indexeddb:// or downloads://', { cause: error });
  }
  cached = {
    mkdir: async (path) => {
      await fs.mkdir(path, { recursive: true });
    },
    stat: async (path) => {
      try {
        const s = await fs.stat(path);
        return { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size };
      } catch (error) {
        if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
        throw error;
      }
    },
    readFile: async (path) => new Uint8Array(await fs.readFile(path)),
    writeFileSynced: async (path, data) => {
      const handle = await fs.open(path, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    rename: (from, to) => fs.rename(from, to),
    syncDirectory: async (path) => {
      let handle: FsPromises.FileHandle | undefined;
      try {
        handle = await fs.open(path, 'r');
        await handle.sync();
      } catch (error) {
        // Windows cannot open or flush a directory; its renames are durable without it.
        if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL'].includes(errorCode(error) ?? '')) throw error;
      } finally {
        await handle?.close();
      }
    },
    remove: async (path) => {
      await fs.rm(path, { force: true });
    },
    realpath: (path) => fs.realpath(path),
  };
  return cached;
}
