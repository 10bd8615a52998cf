import fc from 'fast-check';
import { looksLikeReference } from '@weld/oci';
import { describe, expect, it } from 'vitest';
import { packageNameOf } from './package-target.js';
import { UsageError } from './report-error.js';

const word = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/), fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}$/));
const identifier = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join('-'));
const version = fc.tuple(fc.nat(50), fc.nat(50), fc.nat(50)).map(([a, b, c]) => `${a}.${b}.${c}`);

describe('packageNameOf', () => {
  it('reads ns:pkg and ns:pkg@version back', () => {
    fc.assert(
      fc.property(identifier, identifier, fc.option(version, { nil: undefined }), (namespace, name, v) => {
        expect(packageNameOf(`${namespace}:${name}${v === undefined ? '' : `@${v}`}`)).toEqual({ namespace, name, version: v });
      }),
    );
  });

  it('never takes an OCI reference (it has a /) or a file name for a package name, and fails only with a usage error', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        let name;
        try {
          name = packageNameOf(text);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          return;
        }
        if (name !== undefined) expect(text).not.toContain('/');
        if (looksLikeReference(text)) expect(name).toBeUndefined();
      }),
    );
    expect(packageNameOf('127.0.0.1:5000/demo/calc:1.0.0')).toBeUndefined();
    expect(packageNameOf('localhost:5000')).toBeUndefined();
    expect(packageNameOf('calc.wasm')).toBeUndefined();
    expect(packageNameOf('layout:1.0.0')).toBeUndefined();
    expect(() => packageNameOf('demo:calc@1.0')).toThrow(/the version 1\.0 is not semver/);
  });
});
