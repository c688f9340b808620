// The Node-only part of io/: the file:// handler and its route. Exported from src/node.ts, never
// from the browser-clean root (its file operations import node:fs/promises on first use).
import { fileSystem } from './file-system.js';
import { io as browserIo } from './index.js';
import { registerRoute } from './router.js';

export { fileSystem } from './file-system.js';
export type { FileSystemOptions } from './file-system.js';
export { nodeFileOps } from './file-ops.js';
export type { FileOps, FileStat } from './file-ops.js';

/**
 * Makes `file://dir` URLs save and load through `fileSystem` (`model.save('file://./m')`,
 * `loadLayersModel('file://./m/model.json')`). The node entry calls this when it loads.
 */
export function registerFileSystemRoute(): void {
  registerRoute({
    scheme: 'file://',
    save: (rest) => fileSystem(rest),
    load: (rest, limits) => fileSystem(rest, limits === undefined ? {} : { limits }),
  });
}

/**
 * `io` with `fileSystem` (tfjs-node's `tf.io`): the node entry's `io`.
 * @example await model.save(io.fileSystem('./my-model'));
 */
export const io: Readonly<typeof browserIo & { fileSystem: typeof fileSystem }> = Object.freeze({ ...browserIo, fileSystem });
