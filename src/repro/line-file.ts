/** Where a logger's lines go. */
export interface LineWriter {
  /** Writes one line (a newline is added). */
  write(line: string): void;
  /** Flushes to disk and closes; later writes are errors. */
  close(): void;
}

/**
 * A JSON-lines file written with one synchronous `write` per line, so every finished line is
 * in the operating system's hands at once and survives the process dying (Ctrl-C, SIGKILL, a
 * crash); `close` also flushes to the disk (`fsync`). Node, Bun and Deno (their `node:fs`);
 * imports `node:fs` only when called, so the package still loads in browsers.
 */
export async function openLineFile(path: string, append: boolean): Promise<LineWriter> {
  let fs: typeof import('node:fs');
  try {
    fs = await import('node:fs');
  } catch {
    throw new Error(`openLineFile: cannot write '${path}': this runtime has no node:fs; pass onLine instead of path`);
  }
  const fd = fs.openSync(path, append ? 'a' : 'w');
  let open = true;
  return {
    write(line) {
      if (!open) throw new Error(`openLineFile: '${path}' is already closed`);
      fs.writeSync(fd, `${line}\n`);
    },
    close() {
      if (!open) return;
      open = false;
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    },
  };
}
