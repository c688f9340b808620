/**
 * One training run per backup directory: a lock file `<backupDir>/.lock` holding the owner's
 * pid, host and a token. A second run on the directory is refused with an error naming the
 * owner; a lock whose owner is gone (a dead pid on this host, or this very process after a fit
 * that threw) is taken over. A lock from another host cannot be checked and is never taken
 * over. Node only (node:fs is imported on use).
 */

/** A held lock: the file and the token that marks it as ours. */
export interface DirectoryLock {
  dir: string;
  path: string;
  token: string;
}

interface LockContent { pid: number; host: string; token: string; since: string }

const LOCK = '.lock';

async function readLock(path: string): Promise<LockContent | 'missing' | 'unreadable'> {
  const fs = await import('node:fs/promises');
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const c = JSON.parse(text) as Partial<LockContent>;
    if (Number.isSafeInteger(c.pid) && typeof c.host === 'string' && typeof c.token === 'string') return c as LockContent;
  } catch {
    // fall through
  }
  return 'unreadable';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'; // exists, owned by another user
  }
}

/**
 * Takes the lock on `dir` (created if missing), or throws an error naming the run that holds it.
 * The lock file is written whole under a temporary name and published with link(), which fails
 * when a lock exists: a lock file is never seen half-written.
 */
export async function lockDirectory(dir: string): Promise<DirectoryLock> {
  const fs = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { hostname } = await import('node:os');
  const { randomUUID } = await import('node:crypto');
  await fs.mkdir(dir, { recursive: true });
  const path = join(dir, LOCK);
  const mine: LockContent = { pid: process.pid, host: hostname(), token: randomUUID(), since: new Date().toISOString() };  // determinism-ok: lock metadata (owner, token, time), never a numeric result
  const tmp = join(dir, `${LOCK}.tmp-${process.pid}-${mine.token}`);
  await fs.writeFile(tmp, JSON.stringify(mine), { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await fs.link(tmp, path);
        return { dir, path, token: mine.token };
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
      }
      const holder = await readLock(path);
      if (holder === 'missing') continue;
      if (holder === 'unreadable') throw new Error(`backupAndRestore: the lock file ${path} is not a SameBits lock; if no training run uses ${dir}, delete it`);
      const gone = holder.host === mine.host && (holder.pid === process.pid || !alive(holder.pid));
      if (!gone) {
        throw new Error(`backupAndRestore: backupDir ${dir} is in use by another training run (pid ${holder.pid} on host ${holder.host}, since ${holder.since}; lock file ${path}). Two runs on one backupDir would overwrite and delete each other's checkpoints: use another backupDir or wait for that run to end${holder.host === mine.host ? '' : `; if no run on ${holder.host} uses it, delete the lock file`}`);
      }
      await fs.rm(path, { force: true }); // its owner is gone: take it over
    }
    throw new Error(`backupAndRestore: could not take the lock ${path}: other runs keep taking it`);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Throws when `lock` is no longer held (another run took it over, or the file was deleted). */
export async function checkLock(lock: DirectoryLock): Promise<void> {
  const holder = await readLock(lock.path);
  if (typeof holder === 'object' && holder.token === lock.token) return;
  const who = typeof holder === 'object' ? `pid ${holder.pid} on host ${holder.host}` : holder === 'missing' ? 'nobody (it was deleted)' : 'an unreadable file';
  throw new Error(`backupAndRestore: this run no longer holds the lock on backupDir ${lock.dir}: ${lock.path} now names ${who}; stopped before writing a checkpoint there`);
}

/** Releases `lock` if it is still ours. */
export async function unlockDirectory(lock: DirectoryLock): Promise<void> {
  const holder = await readLock(lock.path);
  if (typeof holder === 'object' && holder.token === lock.token) {
    const fs = await import('node:fs/promises');
    await fs.rm(lock.path, { force: true });
  }
}

/**
 * Deletes the temporary files of interrupted saves in `dir`; called with the lock held, so any
 * checkpoint temporary of another process is stale (its writer is gone). This process's own
 * are left to it; a lock's temporary is removed when its process is gone.
 */
export async function removeStaleTemporaries(dir: string, names: readonly string[]): Promise<void> {
  const fs = await import('node:fs/promises');
  const { join } = await import('node:path');
  for (const n of names) {
    const m = /^\.ckpt-\d{8}-\d{8}\.sbckpt\.tmp-(\d+)$/.exec(n);
    if (m && Number(m[1]) !== process.pid) await fs.rm(join(dir, n), { force: true });
    // A lock's temporary name is left only by a process killed while taking the lock.
    const l = /^\.lock\.tmp-(\d+)-/.exec(n);
    if (l && !alive(Number(l[1]))) await fs.rm(join(dir, n), { force: true });
  }
}
