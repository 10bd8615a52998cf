/**
 * WIT packages encoded as wasm, against wasm-tools 1.263 live: for every valid
 * case of the WIT corpus (`packages/wit/tests/ui`), `encodeWitPackage` writes
 * the bytes `wasm-tools component wit --wasm` writes, and weld reads them
 * back to the WIT `wasm-tools component wit PKG.wasm` prints. A case
 * wasm-tools refuses to encode (its validator rejects the output) is refused
 * by weld's type view with the same message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ComponentTypeError, MAX_WIT_PACKAGE_DECLS, WitEncodeError, componentTypes, componentWit, decodeComponent, encodeWitPackage,
} from '@weld/component';
import { loadWitText, printOrder, printWit } from '@weld/wit';
import { loadWit } from '@weld/wit/node';
import { decodeWitWasm } from '@weld/build';
import { caseArgs } from '../scripts/wit-cases.mjs';
import { root } from './support.js';
import { wasmToolsPath } from './support/wasm-tools.js';

const uiDir = join(root, 'packages', 'wit', 'tests', 'ui');
const scratch = mkdtempSync(join(tmpdir(), 'weld-wit-wasm-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The valid cases: `.wit` files and folders, outside `parse-fail/`. */
const cases = readdirSync(uiDir, { withFileTypes: true })
  .filter((e) => (e.isDirectory() && e.name !== 'parse-fail') || (e.isFile() && e.name.endsWith('.wit')))
  .map((e) => e.name)
  .sort();

function wasmTools(args: readonly string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync(wasmToolsPath(), args, { cwd: root, maxBuffer: 1 << 28 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** The `--features`/`--all-features` of a case as load options, split as wasm-tools splits them. */
function loadOptions(args: readonly string[]): { features: string[]; allFeatures: boolean } {
  const features: string[] = [];
  let allFeatures = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--all-features') allFeatures = true;
    else if (args[i] === '--features') features.push(...args[++i]!.split(/[\s,]+/u).filter(Boolean));
  }
  return { features, allFeatures };
}

describe(`WIT packages as wasm: ${cases.length} corpus cases against wasm-tools component wit --wasm`, () => {
  for (const name of cases) {
    it(name, async () => {
      const path = relative(root, join(uiDir, name));
      const args = caseArgs(join(uiDir, name));
      const loaded = await loadWit(join(uiDir, name), { ...loadOptions(args), decodeWasm: decodeWitWasm });
      const bytes = encodeWitPackage(loaded.resolve, loaded.packages[0]!);
      const reference = wasmTools(['component', 'wit', '--wasm', ...args, path]);
      const component = decodeComponent(bytes);
      if (reference.status !== 0) {
        // wasm-tools validates what it encoded; weld's type view is that validator.
        let error: unknown;
        try {
          componentTypes(component);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ComponentTypeError);
        expect(reference.stderr).toContain((error as ComponentTypeError).message.replace(/ \(in section .*$/u, ''));
        return;
      }
      expect(Buffer.from(bytes).equals(reference.stdout), 'the same bytes as wasm-tools').toBe(true);

      const file = join(scratch, `${name.replace(/\.wit$/u, '')}.wasm`);
      writeFileSync(file, bytes);
      const printed = wasmTools(['component', 'wit', file]);
      expect(printed.status).toBe(0);
      const text = printed.stdout.toString('utf8');
      const decoded = componentWit(component);
      // A package with no interface or world has no exports: both tools read it as a component's world.
      expect(decoded.kind).toBe(text.startsWith('package root:component;') ? 'component' : 'package');
      expect(printWit(decoded.resolve, printOrder(decoded.resolve, decoded.package)), 'read back as wasm-tools reads it').toBe(text);
    });
  }
});

describe('WIT that wasm-tools encodes but its validator refuses', () => {
  const cases: Record<string, string> = {
    'a handle in a map value': 'map<string, own<r>>',
    'an error-context in a map value': 'map<u32, list<error-context>>',
    'stream<char>': 'stream<char>',
    'a borrow in a future payload': 'future<tuple<borrow<r>>>',
    'a borrow in a stream payload': 'stream<option<borrow<r>>>',
  };
  for (const [what, type] of Object.entries(cases)) {
    it(`refuses ${what} with wasmparser's message`, async () => {
      const file = join(scratch, `${what.replace(/\W+/gu, '-')}.wit`);
      writeFileSync(file, `package a:b;\n\ninterface i {\n  resource r;\n  f: func(x: ${type});\n}\n`);
      const reference = wasmTools(['component', 'wit', '--wasm', file]);
      expect(reference.status).toBe(1);
      const loaded = await loadWit(file);
      const component = decodeComponent(encodeWitPackage(loaded.resolve, loaded.packages[0]!));
      let error: unknown;
      try {
        componentTypes(component);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ComponentTypeError);
      expect(reference.stderr).toBe(`error: ${(error as ComponentTypeError).message.replace(/ \(in section .*$/u, '')} (at offset 0xb)\n`);
    });
  }
});

describe('a package too big to encode', () => {
  it(`refuses a chain of uses past ${MAX_WIT_PACKAGE_DECLS} declarations, quickly`, () => {
    // Interface k uses a type of interface k-1, so its type repeats all k-1 before it.
    const n = 2600;
    const lines = ['package a:b;', 'interface i0 { type t = u8; }'];
    for (let k = 1; k < n; k++) lines.push(`interface i${k} { use i${k - 1}.{t}; }`);
    const loaded = loadWitText('chain.wit', lines.join('\n'));
    const started = Date.now();
    expect(() => encodeWitPackage(loaded.resolve, loaded.packages[0]!)).toThrow(WitEncodeError);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
