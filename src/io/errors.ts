/**
 * A model file (or in-memory artifacts) that cannot be loaded: broken, hostile, or describing a
 * model SameBits cannot build. The message starts with the file; `file` holds it too.
 * @example try { await loadLayersModel('file://m') } catch (e) { if (e instanceof ModelFileError) console.log(e.file) }
 */
export class ModelFileError extends Error {
  /** The file (or artifacts field) that was wrong, e.g. `/models/a/model.json`. */
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.name = 'ModelFileError';
    this.file = file;
  }
}

/**
 * Runs `fn`; a plain `Error` it throws (a validation message of a layer, an optimizer…) becomes
 * a ModelFileError naming `file` and `context`. Other error types pass through unchanged, so a
 * TypeError still shows up as the bug it is.
 */
export function explain<T>(file: string, context: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    if (error instanceof Error && error.constructor === Error) throw new ModelFileError(file, `${context}${error.message}`, { cause: error });
    throw error;
  }
}
