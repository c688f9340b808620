/** URL strings to handlers (TF.js `io.getSaveHandlers` / `io.getLoadHandlers`), one table. */

import { browserDownloads, browserIndexedDB } from './browser.js';
import { fileSystem } from './file-system.js';
import type { LoadLimits } from './limits.js';
import type { IOHandler } from './types.js';

const SAVE: readonly [string, (rest: string) => IOHandler][] = [
  ['file://', (rest) => fileSystem(rest)],
  ['indexeddb://', (rest) => browserIndexedDB(rest)],
  ['downloads://', (rest) => browserDownloads(rest)],
];

function loadTable(limits: Partial<LoadLimits> | undefined): readonly [string, (rest: string) => IOHandler][] {
  return [
    ['file://', (rest) => fileSystem(rest, limits === undefined ? {} : { limits })],
    ['indexeddb://', (rest) => browserIndexedDB(rest)],
  ];
}

function route(url: string, table: readonly [string, (rest: string) => IOHandler][], action: 'save' | 'load'): IOHandler {
  if (typeof url !== 'string') throw new Error(`${action}: expected a URL string or an IOHandler, received ${typeof url}`);
  const entry = table.find(([scheme]) => url.startsWith(scheme));
  if (entry) return entry[1](url.slice(entry[0].length));
  const hint = action === 'load' && url.startsWith('downloads://')
    ? 'downloads:// can only save; to load files a user picked, read them and pass io.fromMemory(...)'
    : `supported: ${table.map(([s]) => `${s}…`).join(', ')}, or an IOHandler such as io.${action === 'save' ? 'withSaveHandler(fn)' : 'fromMemory(artifacts)'}`;
  throw new Error(`No ${action} handler for URL '${url}'; ${hint}`);
}

/** The handler that saves to `url` (`file://dir`, `indexeddb://name`, `downloads://name`). */
export function getSaveHandler(url: string): IOHandler {
  return route(url, SAVE, 'save');
}

/**
 * The handler that loads from `url` (`file://dir`, `file://dir/model.json`, `indexeddb://name`);
 * `limits` bound what a file:// model may declare.
 */
export function getLoadHandler(url: string, limits?: Partial<LoadLimits>): IOHandler {
  return route(url, loadTable(limits), 'load');
}
