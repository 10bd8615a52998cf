/**
 * Property tests of `encodeWitPackage`: generated valid WIT packages (the
 * front end's generator) encode to what wasm-tools writes (or are refused by
 * the type view with wasmparser's message when wasm-tools refuses them too),
 * decode back to a package that prints as the source does, and encode again
 * to the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWitText, printOrder, printWit } from '@weld/wit';
import { ComponentTypeError, componentTypes, componentWit, decodeComponent, encodeWitPackage } from '@weld/component';
import type { Component } from '@weld/component';
import { wasmToolsPath } from '../../../test/support/wasm-tools.js';
import { canonicalWitTextArb, witTextArb } from '../../wit/test/support/wit-arbitrary.js';

/** `WELD_PROPERTY_SCALE=20` makes a soak run. */
const SCALE = Math.max(1, Number(process.env['WELD_PROPERTY_SCALE'] ?? '1') || 1);
const runs = (n: number): number => Math.ceil(n * SCALE);

const scratch = mkdtempSync(join(tmpdir(), 'weld-wit-encode-prop-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The encoded main package of `text`, and the text as weld prints it. */
function encode(text: string): { bytes: Uint8Array; printed: string } {
  const loaded = loadWitText('gen.wit', text);
  return { bytes: encodeWitPackage(loaded.resolve, loaded.packages[0]!), printed: printWit(loaded.resolve, loaded.packages) };
}

/** The component of `bytes` when wasmparser's rules accept it (as wasm-tools validates what it encodes), else the refusal. */
function validated(bytes: Uint8Array): { component: Component } | { error: ComponentTypeError } {
  const component = decodeComponent(bytes);
  try {
    componentTypes(component);
  } catch (error) {
    if (error instanceof ComponentTypeError) return { error };
    throw error;
  }
  return { component };
}

describe('encodeWitPackage on generated packages', () => {
  it('decodes back to a package that prints as the source does', () => {
    fc.assert(
      fc.property(witTextArb, (text) => {
        const { bytes, printed } = encode(text);
        const checked = validated(bytes);
        if ('error' in checked) return;
        const decoded = componentWit(checked.component);
        expect(decoded.kind).toBe('package');
        expect(printWit(decoded.resolve, printOrder(decoded.resolve, decoded.package))).toBe(printed);
      }),
      { numRuns: runs(150) },
    );
  });

  it('encodes the decoded package again to the same bytes (items in printed order)', () => {
    // With items in another order the functions of a resource move ahead on decoding, as in wasm-tools.
    fc.assert(
      fc.property(canonicalWitTextArb, (text) => {
        const { bytes } = encode(text);
        const checked = validated(bytes);
        if ('error' in checked) return;
        const decoded = componentWit(checked.component);
        expect(encodeWitPackage(decoded.resolve, decoded.package)).toEqual(bytes);
      }),
      { numRuns: runs(100) },
    );
  });

  it('writes the bytes wasm-tools component wit --wasm writes, or refuses with its message', () => {
    const wasmTools = wasmToolsPath();
    let n = 0;
    fc.assert(
      fc.property(witTextArb, (text) => {
        const file = join(scratch, `case-${n++}.wit`);
        writeFileSync(file, text);
        const reference = spawnSync(wasmTools, ['component', 'wit', '--wasm', file], { maxBuffer: 1 << 26 });
        const { bytes } = encode(text);
        const checked = validated(bytes);
        if ('error' in checked) {
          expect(reference.status).not.toBe(0);
          expect(reference.stderr.toString('utf8')).toContain(checked.error.message.replace(/ \(in section .*$/u, ''));
          return;
        }
        expect(reference.stderr.toString('utf8')).toBe('');
        expect(Buffer.from(bytes).equals(reference.stdout)).toBe(true);
      }),
      { numRuns: runs(60) },
    );
  });
});
