/**
 * Checks `printWit` byte for byte against `wasm-tools component wit`: each
 * input is resolved by the reference (`--json`), rebuilt as a `Resolve`, and
 * printed by us; the text must equal the reference's own printing.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmToolsPath } from '../../../../test/support/wasm-tools.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageNameString } from '../model.js';
import type { PackageId, Resolve } from '../model.js';
import { printWit } from './print.js';
import { resolveFromJson } from '../../test/support/resolve-from-json.js';

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, '..', '..', 'test', 'support', 'print-cases');
const wasiRoot = join(here, '..', '..', '..', '..', 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin');

const wasmTools = wasmToolsPath();

function runWasmTools(bin: string, args: readonly string[]): string {
  return execFileSync(bin, ['component', 'wit', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/**
 * The package ids `wasm-tools component wit` prints: the main package (the
 * one `mainName` names), then every other package in id order.
 */
function wasmToolsOrder(resolve: Resolve, mainName: string): PackageId[] {
  const main = resolve.packageNames.get(mainName);
  if (main === undefined) throw new Error(`main package ${mainName} is not in the resolve`);
  return [main, ...resolve.packages.keys()].filter((id, i) => i === 0 || id !== main);
}

/** The top-level `package ns:name@version;` header of a WIT source, as a package name string. */
function headerName(source: string): string {
  const match = /^\s*package\s+([^\s;{]+)\s*;/m.exec(source);
  if (match?.[1] === undefined) throw new Error('no top-level package header');
  const [namespace = '', rest = ''] = match[1].replaceAll('%', '').split(':');
  const at = rest.indexOf('@');
  return packageNameString({
    namespace,
    name: at < 0 ? rest : rest.slice(0, at),
    version: at < 0 ? undefined : rest.slice(at + 1),
  });
}

/** Asserts that printing the reference's resolve of `input` reproduces the reference text. */
function expectSameAsReference(bin: string, input: string, source: string, flags: readonly string[] = []): void {
  const expected = runWasmTools(bin, [...flags, input]);
  const resolve = resolveFromJson(JSON.parse(runWasmTools(bin, [...flags, '--json', input])));
  expect(printWit(resolve, wasmToolsOrder(resolve, headerName(source)))).toBe(expected);
}

const cases = readdirSync(casesDir).filter((f) => f.endsWith('.wit')).sort();

describe('printWit matches wasm-tools component wit', () => {
  const bin = wasmTools;

  it('has enough cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('%s', (file) => {
    const path = join(casesDir, file);
    const source = readFileSync(path, 'utf8');
    // A first line `// args: …` passes extra flags such as `--all-features`.
    const flags = /^\/\/ args: (.*)$/m.exec(source.split('\n')[0] ?? '')?.[1]?.split(' ') ?? [];
    expectSameAsReference(bin, path, source, flags);
  });

  describe('WASI trees shipped with jco', () => {
    let scratch = '';
    beforeAll(() => {
      scratch = mkdtempSync(join(tmpdir(), 'weld-print-'));
    });
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    const trees = ['0.2.12', '0.3.0'].filter((v) => existsSync(join(wasiRoot, v)));
    it('finds the WASI trees', () => {
      expect(trees).toEqual(['0.2.12', '0.3.0']);
    });

    // Each package is printed as the main package of a directory whose
    // `deps/` holds all the other packages of its tree.
    const packages = trees.flatMap((version) =>
      readdirSync(join(wasiRoot, version)).sort().map((pkg) => ({ version, pkg })));
    it.each(packages)('$version/$pkg', ({ version, pkg }) => {
      const root = join(scratch, version, pkg);
      mkdirSync(join(root, 'deps'), { recursive: true });
      const tree = join(wasiRoot, version);
      for (const other of readdirSync(tree)) {
        const target = other === pkg ? join(root, 'package.wit') : join(root, 'deps', `${other}.wit`);
        copyFileSync(join(tree, other, 'package.wit'), target);
      }
      expectSameAsReference(bin, root, readFileSync(join(root, 'package.wit'), 'utf8'));
    });
  });
});
