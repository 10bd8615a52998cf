/**
 * `weld inspect` on inputs a stranger can make small and costly, through the
 * built binary: weld applies wasmparser's limits (effective type size, type
 * nesting depth, counts) and rejects what wasm-tools rejects at once, in one
 * line with wasm-tools' words and exit 1; what wasm-tools accepts, weld
 * inspects without overflowing the stack.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { weld } from './support.js';
import {
  exportingLast, instanceChain, interfaceWithLast, listOf, moduleWithExports, packageChain, pairOf, typeChain,
} from './support/limit-inputs.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-inspect-limits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}

/** Runs `weld inspect ARGS` and how long it took, in ms. */
function timedInspect(...args: string[]): ReturnType<typeof weld> & { readonly ms: number } {
  const start = performance.now();
  const result = weld('inspect', ...args);
  return { ...result, ms: performance.now() - start };
}

describe('weld inspect: effective type size', () => {
  it('rejects 40 nested tuple<T, T> at once with wasmparser\'s message', () => {
    const bytes = exportingLast(typeChain(40, pairOf));
    expect(bytes.length).toBeLessThan(200);
    const path = file('tuple-bomb.wasm', bytes);
    const result = timedInspect(path);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: ${path}: effective type size exceeds the limit of 1000000 (in section 0, type)\n`);
    expect(result.status).toBe(1);
    expect(result.ms).toBeLessThan(5000);
  });

  it('accepts the deepest tuple chain under the limit (size 2^19 - 1) and prints it as WIT', () => {
    // Level k has size 2^(k+2) - 1: 18 levels stay under 1,000,000, 19 do not.
    const path = file('tuple-18.wasm', interfaceWithLast(typeChain(18, pairOf)));
    const result = timedInspect('--wit', path);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('type t = tuple<tuple<');
    expect(result.ms).toBeLessThan(20_000);
    const over = timedInspect(file('tuple-19.wasm', interfaceWithLast(typeChain(19, pairOf))));
    expect(over.stderr).toMatch(/effective type size exceeds the limit of 1000000/);
    expect(over.status).toBe(1);
  });
});

describe('weld inspect: type nesting depth', () => {
  it('rejects 2,000 chained list<…> in one line, exit 1, no stack overflow', () => {
    const path = file('list-2000.wasm', exportingLast(typeChain(2000, listOf)));
    const result = timedInspect(path);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: ${path}: type nesting is too deep (in section 0, type)\n`);
    expect(result.status).toBe(1);
  });

  it('prints list<…> nested to depth 100 (the limit) as WIT and rejects depth 101', () => {
    // list^n<u8> has depth n + 1.
    const ok = timedInspect('--wit', file('list-99.wasm', interfaceWithLast(typeChain(99, listOf))));
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`type t = ${'list<'.repeat(99)}u8${'>'.repeat(99)};`);
    const deep = timedInspect('--wit', file('list-100.wasm', interfaceWithLast(typeChain(100, listOf))));
    expect(deep.stderr).toMatch(/^error: .*list-100\.wasm: type nesting is too deep \(in section 0, type\)\n$/);
    expect(deep.status).toBe(1);
  });

  it('rejects 20,000 instance types nested by reference in one line, exit 1, and inspects 127 of them', () => {
    // Each exports an instance of the one before; wasmparser cannot represent a type deeper than 127.
    const path = file('instance-chain-20000.wasm', instanceChain(20_000));
    const result = timedInspect(path);
    expect(result.stderr).toBe(`error: ${path}: type nesting is too deep (in section 0, type)\n`);
    expect(result.status).toBe(1);
    const ok = timedInspect(file('instance-chain-127.wasm', instanceChain(127)));
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
  });
});

describe('weld inspect: a chain of packages', () => {
  it('prints 1,000 packages each using a type of the one before (1,000 instances is the limit) and rejects 1,001', () => {
    const result = timedInspect('--wit', file('packages-1000.wasm', packageChain(1000)));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('package p999:x {\n  interface i {\n    use p998:x/i.{t};\n  }\n}\n');
    const over = timedInspect(file('packages-1001.wasm', packageChain(1001)));
    expect(over.stderr).toMatch(/: instances count exceeds limit of 1000 \(in section 3001, import\)\n$/);
    expect(over.status).toBe(1);
  });
});

describe('weld inspect: core module with many exports', () => {
  it('lists all 130,000 exports of a core module', () => {
    const path = file('exports-130000.wasm', moduleWithExports(130_000));
    const result = timedInspect('--json', path);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { tree: { coreExports: string[] } };
    expect(report.tree.coreExports).toHaveLength(130_000);
    expect(report.tree.coreExports[129_999]).toBe('e129999');
    const human = timedInspect(path);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain('  "e129999"\n');
  });
});

describe('weld compose: inputs past the limits', () => {
  it('rejects a tuple bomb as a plug in one line, exit 1', () => {
    const bomb = file('plug-bomb.wasm', exportingLast(typeChain(40, pairOf)));
    const app = file('app-list.wasm', interfaceWithLast(typeChain(3, listOf)));
    const result = weld('compose', app, '--plug', bomb, '-o', join(scratch, 'out.wasm'));
    expect(result.stderr).toMatch(/^error: .*effective type size exceeds the limit of 1000000 \(in section 0, type\)\n$/);
    expect(result.status).toBe(1);
  });
});
