/**
 * `weld inspect` on inputs a stranger can make small and costly, through the
 * built binary: weld applies wasmparser's limits (effective type size, type
 * nesting depth, counts) and rejects what wasm-tools rejects at once, in one
 * line with wasm-tools' words and exit 1; what wasm-tools accepts, weld
 * inspects without overflowing the stack. Where wasm-tools 1.263.0 is
 * installed, every input near a limit is also validated by it, and weld's
 * verdict and message must be the same.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, weld } from './support.js';
import {
  exportingLast, instanceChain, interfaceWithLast, listOf, manyInstances, moduleWithExports, nestedComponents, nestedDeep,
  packageChain, pairOf, typeChain,
} from './support/limit-inputs.js';
import { wasmToolsPath } from './support/wasm-tools.js';

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

  it('accepts the longest tuple chain under the limit (size 2^20 - 1 is over) and prints it as WIT', () => {
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

  it('prints the deepest list<…> chain wasm-tools accepts in an interface as WIT and rejects one more', () => {
    // list^n<u8> has depth n + 1, the instance type exporting it n + 2 and the component importing that n + 3.
    const ok = timedInspect('--wit', file('list-97.wasm', interfaceWithLast(typeChain(97, listOf))));
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`type t = ${'list<'.repeat(97)}u8${'>'.repeat(97)};`);
    const deep = timedInspect('--wit', file('list-98.wasm', interfaceWithLast(typeChain(98, listOf))));
    expect(deep.stderr).toMatch(/^error: .*list-98\.wasm: type nesting is too deep \(in section 1, import\)\n$/);
    expect(deep.status).toBe(1);
  });

  it('rejects 20,000 instance types nested by reference in one line, exit 1, and inspects 99 of them', () => {
    // Each exports an instance of the one before: the depth limit holds for every type.
    const path = file('instance-chain-20000.wasm', instanceChain(20_000));
    const result = timedInspect(path);
    expect(result.stderr).toBe(`error: ${path}: type nesting is too deep (in section 0, type)\n`);
    expect(result.status).toBe(1);
    const ok = timedInspect(file('instance-chain-99.wasm', instanceChain(99)));
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
  });
});

describe('weld inspect: a chain of packages', () => {
  it('prints 1,000 packages each using a type of the one before; 4,097 are past the instance limit', () => {
    const result = timedInspect('--wit', file('packages-1000.wasm', packageChain(1000)));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('package p999:x {\n  interface i {\n    use p998:x/i.{t};\n  }\n}\n');
    const over = timedInspect(file('packages-4097.wasm', packageChain(4097)));
    expect(over.stderr).toMatch(/: instances count exceeds limit of 4096 \(in section 12289, import\)\n$/);
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

describe('weld inspect: nested components', () => {
  it('inspects components nested 999 deep and rejects the 1,001st binary at its offset', () => {
    const ok = timedInspect(file('nested-999.wasm', nestedDeep(999)));
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const path = file('nested-1000.wasm', nestedDeep(1000));
    const over = timedInspect(path);
    expect(over.stderr).toBe(`error: ${path}: modules and components count exceeds limit of 1000 at offset 0x2aec\n`);
    expect(over.status).toBe(1);
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

/** wasm-tools 1.263.0, or undefined when it is not installed (the differential tests are then skipped). */
function reference(): string | undefined {
  try {
    return wasmToolsPath();
  } catch {
    return undefined;
  }
}
const wasmTools = reference();

describe.skipIf(wasmTools === undefined)('the same verdict and message as wasm-tools 1.263.0 validate (skipped when it is not installed)', () => {
  const cases: readonly (readonly [string, () => Uint8Array])[] = [
    ['tuple-bomb-40', () => exportingLast(typeChain(40, pairOf))],
    ['tuple-18-interface', () => interfaceWithLast(typeChain(18, pairOf))],
    ['tuple-19-interface', () => interfaceWithLast(typeChain(19, pairOf))],
    ['list-98-exported', () => exportingLast(typeChain(98, listOf))],
    ['list-99-exported', () => exportingLast(typeChain(99, listOf))],
    ['list-100-exported', () => exportingLast(typeChain(100, listOf))],
    ['list-2000-exported', () => exportingLast(typeChain(2000, listOf))],
    ['list-97-interface', () => interfaceWithLast(typeChain(97, listOf))],
    ['list-98-interface', () => interfaceWithLast(typeChain(98, listOf))],
    ['instance-chain-99', () => instanceChain(99)],
    ['instance-chain-100', () => instanceChain(100)],
    ['instance-chain-101', () => instanceChain(101)],
    ['instances-4096', () => manyInstances(4096)],
    ['instances-4097', () => manyInstances(4097)],
    ['components-999', () => nestedComponents(999)],
    ['components-1000', () => nestedComponents(1000)],
    ['nested-999-deep', () => nestedDeep(999)],
    ['nested-1000-deep', () => nestedDeep(1000)],
    ['packages-1000', () => packageChain(1000)],
    ['exports-130000', () => moduleWithExports(130_000)],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const path = file(`${name}.wasm`, make());
      const theirs = run(wasmTools!, ['validate', path]);
      const ours = weld('inspect', path);
      expect(ours.status === 0, `weld: ${ours.stderr}wasm-tools: ${theirs.stderr}`).toBe(theirs.status === 0);
      if (theirs.status === 0) return;
      expect(ours.status).toBe(1);
      const theirMessage = theirs.stderr.replace(/^error: /u, '').replace(/ \(at offset 0x[0-9a-f]+\)\n$/u, '');
      // weld names the section of a type error and the offset of a binary error.
      const ourMessage = ours.stderr.replace(`error: ${path}: `, '').replace(/ (\(in section \d+, [a-z -]+\)|at offset 0x[0-9a-f]+)\n$/u, '');
      expect(ourMessage).toBe(theirMessage);
    });
  }
});
