/**
 * URL strings to handlers (TF.js `io.getSaveHandlers` / `io.getLoadHandlers`), one table.
 * indexeddb:// and downloads:// work wherever their browser APIs exist; file:// needs Node's
 * file system, so the node entry (src/node.ts) registers it and the browser-clean root does not.
 */

import { browserDownloads, browserIndexedDB } from './browser.js';
import type { LoadLimits } from './limits.js';
import type { IOHandler } from './types.js';

/** A URL scheme and the handlers for the rest of a URL (TF.js `registerSaveRouter`, `registerLoadRouter`). */
export interface Route {
  /** The prefix, such as `'file://'`. */
  scheme: string;
  save?: (rest: string) => IOHandler;
  load?: (rest: string, limits: Partial<LoadLimits> | undefined) => IOHandler;
}

const routes: Route[] = [
  { scheme: 'indexeddb://', save: (rest) => browserIndexedDB(rest), load: (rest) => browserIndexedDB(rest) },
  { scheme: 'downloads://', save: (rest) => browserDownloads(rest) },
];

/**
 * Adds a URL scheme (or replaces the one with the same prefix); it is listed first in errors.
 * @example registerRoute({ scheme: 'file://', save: (dir) => fileSystem(dir) })
 */
export function registerRoute(route: Route): void {
  const at = routes.findIndex((r) => r.scheme === route.scheme);
  if (at >= 0) routes.splice(at, 1);
  routes.unshift(route);
}

function route(url: string, action: 'save' | 'load', limits?: Partial<LoadLimits>): IOHandler {
  if (typeof url !== 'string') throw new Error(`${action}: expected a URL string or an IOHandler, received ${typeof url}`);
  const usable = routes.filter((r) => r[action] !== undefined);
  const entry = usable.find((r) => url.startsWith(r.scheme));
  if (entry) return action === 'save' ? entry.save!(url.slice(entry.scheme.length)) : entry.load!(url.slice(entry.scheme.length), limits);
  const hint = action === 'load' && url.startsWith('downloads://')
    ? 'downloads:// can only save; to load files a user picked, read them and pass io.fromMemory(...)'
    : url.startsWith('file://')
      ? "file:// needs Node's file system: in Node, import from 'samebits' (or 'samebits/node'), whose entry registers it"
      : `supported: ${usable.map((r) => `${r.scheme}…`).join(', ')}, or an IOHandler such as io.${action === 'save' ? 'withSaveHandler(fn)' : 'fromMemory(artifacts)'}`;
  throw new Error(`No ${action} handler for URL '${url}'; ${hint}`);
}

/** The handler that saves to `url` (`file://dir` in Node, `indexeddb://name`, `downloads://name`). */
export function getSaveHandler(url: string): IOHandler {
  return route(url, 'save');
}

/**
 * The handler that loads from `url` (`file://dir`, `file://dir/model.json` in Node,
 * `indexeddb://name`); `limits` bound what a file:// model may declare.
 */
export function getLoadHandler(url: string, limits?: Partial<LoadLimits>): IOHandler {
  return route(url, 'load', limits);
}
