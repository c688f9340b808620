/**
 * One environment variable, read only where the engine allows it without asking: undefined in
 * browsers (no `process`), in Deno without --allow-env (its permission is queried first, so no
 * prompt appears and no NotCapable error escapes), and wherever reading throws.
 * @example environmentVariable('SAMEBITS_MANIFEST') // '/tmp/run.json' or undefined
 */
export function environmentVariable(name: string): string | undefined {
  try {
    const g = globalThis as {
      Deno?: { permissions?: { querySync?: (d: { name: 'env'; variable: string }) => { state: string } } };
      process?: { env?: Record<string, string | undefined> };
    };
    const query = g.Deno?.permissions?.querySync;
    if (query !== undefined && query.call(g.Deno?.permissions, { name: 'env', variable: name }).state !== 'granted') return undefined;
    return g.process?.env?.[name];
  } catch {
    return undefined;
  }
}
