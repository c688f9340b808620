/**
 * Reads a local file for `data.csv` (installed by the node entry): a path, or a file:// URL
 * (decoded as Node's `fileURLToPath` does). The error names the location.
 * @example installFileReader(readDataFile)
 */
export async function readDataFile(location: string): Promise<Uint8Array> {
  const fs = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  let path = location;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    if (!location.startsWith('file://')) throw new Error(`data.csv: cannot read '${location}': only file paths and file:// URLs are read (fetch the text yourself and pass data.csv({ text }))`);
    path = fileURLToPath(location);
  }
  try {
    const bytes = await fs.readFile(path);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    throw new Error(`data.csv: cannot read '${location}': ${(error as Error).message}`, { cause: error });
  }
}
