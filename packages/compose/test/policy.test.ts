/** Globs of the capability policy: `*` is any run of characters, everything else literal. */
import { describe, expect, it } from 'vitest';
import { globMatches, policyPatternMatches } from '@weld/compose';

describe('globMatches', () => {
  it('matches literally but for `*`', () => {
    const cases: [string, string, boolean][] = [
      ['wasi:cli/*', 'wasi:cli/stdout', true],
      ['wasi:cli/*', 'wasi:clix/stdout', false],
      ['*', '', true],
      ['', '', true],
      ['', 'a', false],
      ['a*a', 'a', false],
      ['a*a', 'aa', true],
      ['*.*', 'a.b', true],
      ['a.c', 'abc', false],
      ['(x)+', '(x)+', true],
      ['wasi:*/*@0.2.*', 'wasi:io/poll@0.2.12', true],
      ['wasi:*/*@0.2.*', 'wasi:io/poll@0.3.0', false],
      ['*ab*ab*', 'xabyab', true],
      ['*ab*ab*', 'xaby', false],
      ['ab*ba', 'aba', false],
    ];
    for (const [pattern, text, expected] of cases) expect(globMatches(pattern, text), `${pattern} ~ ${text}`).toBe(expected);
  });

  it('ignores the version when asked through the policy', () => {
    expect(policyPatternMatches('wasi:sockets/tcp', 'wasi:sockets/tcp@0.2.0')).toBe(true);
  });

  it('takes linear time on a 100 KB pattern of stars', () => {
    const started = performance.now();
    expect(globMatches(`wasi:${'a*'.repeat(50_000)}`, `wasi:${'a'.repeat(49_999)}`)).toBe(false);
    expect(globMatches(`wasi:${'*'.repeat(100_000)}x`, `wasi:${'y'.repeat(100_000)}x`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
