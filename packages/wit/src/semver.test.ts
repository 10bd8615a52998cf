import { describe, expect, it } from 'vitest';
import { comparePrecedence, compareSemver, parseSemver } from './semver.js';

describe('semver', () => {
  it('reads versions of any length and numbers up to u64::MAX', () => {
    const long = `1.0.0-${'a'.repeat(1000)}+${'b'.repeat(1000)}`;
    expect(parseSemver(long).text).toBe(long);
    expect(parseSemver('18446744073709551615.0.0').major).toBe(18446744073709551615n);
  });

  it('orders as the semver crate does: precedence, then build metadata', () => {
    // The SemVer 2.0 example, then the crate's build order (0 < 00 < 1 < 01 < words).
    const ordered = [
      '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1',
      '1.0.0', '1.0.0+0', '1.0.0+00', '1.0.0+1', '1.0.0+01', '1.0.0+a', '1.0.0+a.b', '1.0.1', '9007199254740993.0.0',
      '18446744073709551615.0.0',
    ].map(parseSemver);
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(Math.sign(compareSemver(ordered[i]!, ordered[j]!)), `${ordered[i]!.text} vs ${ordered[j]!.text}`).toBe(Math.sign(i - j));
      }
    }
  });

  it('ignores build metadata for precedence', () => {
    expect(comparePrecedence(parseSemver('1.0.0+a'), parseSemver('1.0.0+b'))).toBe(0);
  });
});
