/** Cargo-style semver compatibility of interface names, and import merging keys. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { highestVersion, mergeKey, namesCompatible, semverCompatible, splitVersionedName } from '@weld/compose';

describe('semverCompatible', () => {
  it.each([
    ['0.2.0', '0.2.3', true],
    ['0.2.3', '0.2.12', true],
    ['1.0.0', '1.9.2', true],
    ['0.2.3', '0.3.0', false],
    ['1.2.0', '2.0.0', false],
    ['0.0.1', '0.0.2', false],
    ['0.0.1', '0.0.1', true],
    ['1.0.0-rc.1', '1.0.0', false],
    ['1.0.0-rc.1', '1.0.0-rc.2', false],
    ['not', 'a version', false],
  ])('%s ~ %s is %s', (a, b, expected) => {
    expect(semverCompatible(a, b)).toBe(expected);
    expect(semverCompatible(b, a)).toBe(expected);
  });
});

describe('names', () => {
  it('splits a name at its version', () => {
    expect(splitVersionedName('wasi:io/streams@0.2.3')).toMatchObject({ base: 'wasi:io/streams', version: { minor: 2, patch: 3 } });
    expect(splitVersionedName('run')).toEqual({ base: 'run', version: undefined });
  });

  it('matches names on one track', () => {
    expect(namesCompatible('wasi:io/streams@0.2.3', 'wasi:io/streams@0.2.12')).toBe(true);
    expect(namesCompatible('wasi:io/streams@0.2.3', 'wasi:io/poll@0.2.3')).toBe(false);
    expect(namesCompatible('wasi:io/streams@0.2.3', 'wasi:io/streams@0.3.0')).toBe(false);
    expect(namesCompatible('run', 'run')).toBe(true);
  });

  it('merges into the highest version by number, not by text', () => {
    expect(mergeKey('wasi:io/streams@0.2.3')).toBe(mergeKey('wasi:io/streams@0.2.12'));
    expect(highestVersion(['wasi:io/streams@0.2.3', 'wasi:io/streams@0.2.12', 'wasi:io/streams@0.2.9'])).toBe('wasi:io/streams@0.2.12');
    expect(mergeKey('a:b/c@0.0.1')).not.toBe(mergeKey('a:b/c@0.0.2'));
  });

  const version = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(20), fc.option(fc.constantFrom('rc.1', 'alpha'), { nil: undefined }))
    .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre === undefined ? '' : `-${pre}`}`);

  it('is symmetric, and merge keys agree with compatibility', () => {
    fc.assert(fc.property(version, version, (a, b) => {
      expect(semverCompatible(a, b)).toBe(semverCompatible(b, a));
      const [na, nb] = [`x:y/z@${a}`, `x:y/z@${b}`];
      expect(mergeKey(na) === mergeKey(nb)).toBe(namesCompatible(na, nb));
    }));
  });
});
