import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProjectMetadata, parsePublishedName, RegistryError } from '@weld/registry';

/** wasm-pkg-common's labels: lowercase words of letters and digits, each starting with a letter. */
const word = fc.tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), fc.stringMatching(/^[a-z0-9]{0,5}$/u)).map(([first, rest]) => first + rest);
const label = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join('-'));
const version = fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99), fc.option(fc.constantFrom('alpha.1', 'rc.2', '0'), { nil: undefined }))
  .map(([major, minor, patch, pre]) => `${major}.${minor}.${patch}${pre === undefined ? '' : `-${pre}`}`);

describe('parsePublishedName (wkg publish --package)', () => {
  it('reads every NAMESPACE:NAME@VERSION of labels and semver back into its parts', () => {
    fc.assert(
      fc.property(label, label, version, (namespace, name, v) => {
        expect(parsePublishedName(`${namespace}:${name}@${v}`, '--name')).toEqual({ namespace, name, version: v });
      }),
    );
  });

  it('refuses anything else with a RegistryError naming the flag, and nothing else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        try {
          const parsed = parsePublishedName(text, '--name');
          expect(`${parsed.namespace}:${parsed.name}@${parsed.version}`).toBe(text);
        } catch (error) {
          expect(error).toBeInstanceOf(RegistryError);
          expect((error as RegistryError).message.startsWith(`--name ${text}: `)).toBe(true);
        }
      }),
    );
  });

  it.each([
    ['wasi:http', 'the version is missing'],
    ['wasi:Http@1.0.0', 'the name "Http" is not a label'],
    ['wasi:http-@1.0.0', 'the name "http-" is not a label'],
    ['wasi:1http@1.0.0', 'the name "1http" is not a label'],
    ['wasi@1.0.0', 'not a package name'],
    ['a:b:c@1.0.0', 'not a package name'],
    ['wasi:http@01.0.0', 'the version is not semver'],
  ])('%s: %s', (text, why) => {
    expect(() => parsePublishedName(text, '--name')).toThrow(`--name ${text}: ${why}`);
  });
});

describe('a wkg.toml [metadata]', () => {
  it('reads the keys and their aliases, as wasm-pkg-core does', async () => {
    const text = '[metadata]\nauthor = "Ann"\ndescription = "d"\nlicense = "MIT"\nrepository = "https://r"\nhomepage = "https://h"\nrevision = "abc"\n\n[overrides]\n';
    expect(await parseProjectMetadata(text, 'wkg.toml')).toEqual({ authors: 'Ann', description: 'd', licenses: 'MIT', source: 'https://r', homepage: 'https://h', revision: 'abc' });
    expect(await parseProjectMetadata('[overrides]\n', 'wkg.toml')).toEqual({});
  });

  it('refuses unknown keys and values that are not strings, naming the file', async () => {
    await expect(parseProjectMetadata('[metadata]\nlicence = "MIT"\n', 'wkg.toml')).rejects.toThrow('wkg.toml: metadata.licence: not a key of wkg\'s [metadata]');
    await expect(parseProjectMetadata('[metadata]\ndescription = 1\n', 'wkg.toml')).rejects.toThrow('wkg.toml: metadata.description: expected a string');
    await expect(parseProjectMetadata('[metadata\n', 'wkg.toml')).rejects.toThrow(/^wkg\.toml:1:/u);
  });
});
