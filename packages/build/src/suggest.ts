/** "Did you mean …?" for a name the user typed, from the names that exist. */
import { closest, distance } from 'fastest-levenshtein';

/**
 * The known name nearest to `typed`, when it is near enough to be a typo: at
 * most two letters or a third of them changed (a swap counts two).
 */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(typed, [...known]);
  return distance(typed, best) <= Math.max(2, Math.floor(typed.length / 3)) ? best : undefined;
}
