import { closest, distance } from 'fastest-levenshtein';

/**
 * Error text for an unknown string id: names what was received, lists the valid ids and
 * suggests the closest one when it is near enough to be a likely typo.
 * @example unknownId('loss', 'mean_sqared_error', ['meanSquaredError', 'mse'])
 */
export function unknownId(kind: string, received: string, valid: readonly string[]): string {
  const sorted = [...valid].sort();
  let hint = '';
  if (sorted.length > 0) {
    const lower = received.toLowerCase();
    const best = closest(lower, sorted.map((v) => v.toLowerCase()));
    // Of the ids equal to the best one but for case ('Adam', 'adam'), the one spelled most like the input.
    const spellings = sorted.filter((v) => v.toLowerCase() === best);
    const match = spellings.length > 0 ? closest(received, spellings) : undefined;
    if (match !== undefined && distance(lower, best) <= Math.max(2, Math.floor(received.length / 3))) hint = ` Did you mean '${match}'?`;
  }
  return `Unknown ${kind} '${received}'.${hint} Valid ${kind} ids: ${sorted.join(', ')}.`;
}
