import { describe, expect, it } from 'vitest';
import { WitError } from '@weld/wit';
import { decodeWitWasm } from './wit-wasm.js';

/** The error decoding `text` as WAT gives: message and where its span starts. */
async function failure(text: string): Promise<{ message: string; at: number | undefined }> {
  try {
    await decodeWitWasm({ kind: 'text', text });
  } catch (error) {
    if (!(error instanceof WitError)) throw error;
    return { message: error.message, at: error.span?.start };
  }
  throw new Error('decoded');
}

describe('decodeWitWasm', () => {
  it('decodes a WIT package given as WAT', async () => {
    const text = '(component (type (component (type (instance)) (export "a:b/c" (instance (type 0))))) (export "c" (type 0)))';
    const { resolve, package: pkg } = await decodeWitWasm({ kind: 'text', text });
    expect(resolve.packages[pkg]!.name).toMatchObject({ namespace: 'a', name: 'b' });
  });

  // Messages as wasm-tools 1.263 prints them for the same text.
  it.each([
    ['(component\n  oops)', 'expected `(`', 13],
    ['(component\n  (export "a\\q" (func 0)))', "invalid string escape 'q'", 24],
    ['(component\n  (export "a\x01" (func 0)))', "invalid character in string '\\u{1}'", 23],
    ['(component\n  (export "a\\u{d800}" (func 0)))', 'invalid unicode scalar value 0xd800', 29],
    ['(component (; never closed', 'unterminated block comment', 11],
    ['(component\n  (type $)\n', 'empty identifier', 19],
    ['(component é)', 'unexpected character \'\\u{e9}\'', 11],
  ])('reads the message and place of a WAT error: %j', async (text, message, at) => {
    expect(await failure(text)).toEqual({ message, at });
  });

  it('refuses a component that is not a WIT package, in the reference words', async () => {
    expect((await failure('(component (import "f" (func)))')).message).toBe('found an actual component instead of an encoded WIT package in wasm');
  });
});
