/**
 * Scratch directories of the CLI (Node only): `samebits-check-…`, `samebits-repeat-…`,
 * `samebits-verify-…` in the OS temp directory. A killed command (SIGKILL, power loss) cannot
 * remove its own, so each records its owner (pid and host) in `.samebits-owner.json`, and the
 * next command of that kind removes those whose owner is gone.
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

const OWNER_FILE = '.samebits-owner.json';

/** Whether process `pid` exists on this host (EPERM: it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner recorded in a scratch directory, or undefined when there is none or it is unreadable. */
function ownerOf(dir: string): { pid: number; host: string } | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as { pid?: unknown; host?: unknown };
    return Number.isSafeInteger(owner.pid) && typeof owner.host === 'string' ? { pid: owner.pid as number, host: owner.host } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes the `prefix-…` directories in `parent` whose recorded owner ran on this host and is
 * no longer alive. Directories without an owner record (another program's, or one being set
 * up this instant) are left alone. Returns the names removed.
 */
export function removeStaleScratchDirs(prefix: string, parent: string = tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(parent).filter((name) => name.startsWith(`${prefix}-`)).sort();
  } catch {
    return [];
  }
  const host = hostname();
  return names.filter((name) => {
    const owner = ownerOf(join(parent, name));
    if (owner === undefined || owner.host !== host || alive(owner.pid)) return false;
    rmSync(join(parent, name), { recursive: true, force: true });
    return true;
  });
}

/**
 * A fresh scratch directory `prefix-<pid>-XXXXXX` in the OS temp directory, recording this
 * process as its owner, after removing those of the same prefix left by killed processes.
 * The caller removes it when done.
 * @example const dir = makeScratchDir('samebits-check'); try { … } finally { rmSync(dir, { recursive: true, force: true }); }
 */
export function makeScratchDir(prefix: string): string {
  removeStaleScratchDirs(prefix);
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-${process.pid}-`));
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify({ pid: process.pid, host: hostname() }));
  return dir;
}
