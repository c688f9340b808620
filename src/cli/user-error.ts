import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { environmentVariable } from '../util/environment.js';

/** A mistake in what the user gave (a flag, a file): exit status 2, as opposed to a failed run (1). */
export class UserError extends Error {}

/** Node's errors for a bad command line (parseArgs) and for files a user named. */
const USER_ERROR_CODES = /^(ERR_PARSE_ARGS_|ENOENT$|EISDIR$|ENOTDIR$|EACCES$|EPERM$|EEXIST$|ENAMETOOLONG$)/;

/** Whether an error is the user's to fix (exit status 2). */
export function isUserError(error: unknown): boolean {
  return error instanceof UserError || USER_ERROR_CODES.test(String((error as { code?: unknown } | null)?.code ?? ''));
}

/**
 * Checks that `path`, which the user gave as the `what` (e.g. 'script'), is an existing file.
 * @example checkUserFile('train.ts', 'script') // throws UserError('no such script: train.ts')
 */
export function checkUserFile(path: string, what: string): void {
  if (!existsSync(path)) throw new UserError(`no such ${what}: ${path}`);
  if (statSync(path).isDirectory()) throw new UserError(`the ${what} ${path} is a directory, expected a file`);
}

/** Reads a file the user named (see checkUserFile) as UTF-8. */
export function readUserFile(path: string, what: string): string {
  checkUserFile(path, what);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}

/** Checks that a directory the user named (`flag`) is a directory or does not exist yet. */
export function checkUserDirectory(path: string, flag: string): void {
  if (existsSync(path) && !statSync(path).isDirectory()) throw new UserError(`${flag} ${path} is not a directory`);
}

/** Checks that a file the command will create or append to (the `what`) can be: not a directory, in a directory that exists. */
export function checkWritableFile(path: string, what: string): void {
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new UserError(`the ${what} ${path} is a directory, expected a file`);
    return;
  }
  const parent = dirname(path);
  if (!existsSync(parent)) throw new UserError(`cannot create the ${what} ${path}: its directory ${parent} does not exist`);
}

/** Runs `fn`, turning what it throws into a UserError with the same message (for input the user gave, such as a file's contents). */
export function asUserError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new UserError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Reports an error that ended command `name` as `samebits <name>: <message>` on stderr, never
 * with a stack trace (unless SAMEBITS_DEBUG is set); returns the exit status: 2 for the user's
 * mistakes, 1 for anything else.
 */
export function reportError(name: string, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`samebits ${name}: ${message}`);
  if (environmentVariable('SAMEBITS_DEBUG') && error instanceof Error && error.stack) console.error(error.stack);
  if (isUserError(error)) {
    if (String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS_')) console.error(`Run 'samebits ${name} --help' for the options.`);
    return 2;
  }
  return 1;
}

/** A command body whose errors are reported by reportError instead of escaping with a stack trace. */
export function guarded(name: string, body: (argv: readonly string[]) => Promise<number>): (argv: readonly string[]) => Promise<number> {
  return async (argv) => {
    try {
      return await body(argv);
    } catch (error) {
      return reportError(name, error);
    }
  };
}
