/** The inputs each target is fuzzed with: mutations of its seeds and bombs of its format. */
import fc from 'fast-check';
import { binaryBombs, configBombTexts, witBombTexts } from './bombs.js';
import { configTokens, mutatedBytes, mutatedText, witTokens } from './mutate.js';
import type { FuzzTarget } from './targets.js';

/**
 * Mutated seeds three times in four, a bomb otherwise; `scale` bounds the
 * bombs (the CI run keeps it small, a campaign raises it).
 */
export function inputsFor(target: FuzzTarget, scale: number): fc.Arbitrary<Uint8Array> {
  const seeds = target.seeds();
  switch (target.name) {
    case 'wit':
    case 'wit-recover':
      return fc.oneof({ weight: 3, arbitrary: mutatedText(seeds, witTokens) }, { weight: 1, arbitrary: witBombTexts(scale) });
    case 'config':
      return fc.oneof({ weight: 3, arbitrary: mutatedText(seeds, configTokens) }, { weight: 1, arbitrary: configBombTexts(scale) });
    default:
      return fc.oneof({ weight: 3, arbitrary: mutatedBytes(seeds) }, { weight: 1, arbitrary: binaryBombs(scale) });
  }
}
