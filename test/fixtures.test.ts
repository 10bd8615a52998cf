/**
 * The real-toolchain component fixtures (built by test/fixtures/build.mjs in
 * vitest's global setup) exist, are components, validate with wasm-tools and
 * have the worlds their sources describe.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmToolsPath } from './support/wasm-tools.js';
import { describe, expect, it } from 'vitest';

const out = fileURLToPath(new URL('./fixtures/out/', import.meta.url));

const wasmTools = wasmToolsPath;

function wasmToolsRun(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(wasmTools(), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Expected {
  readonly exports: readonly string[];
  readonly imports: readonly string[];
  /** Other text the printed WIT must contain. */
  readonly contains?: readonly string[];
  /** At least this many `import wasi:` lines in the world. */
  readonly minWasiImports?: number;
}

const fixtures: Record<string, Expected> = {
  'ts-app': {
    exports: ['wasi:cli/run@0.2.12', 'weld:ts-app/greeter@0.1.0'],
    imports: ['weld:ts-app/kv@0.1.0', 'wasi:cli/environment@0.2.12', 'wasi:random/random@0.2.12'],
    contains: ['greet: func(name: string) -> greeting;'],
  },
  'js-typed': {
    exports: ['wasi:cli/run@0.2.12', 'wasi:http/incoming-handler@0.2.12', 'weld:js-typed/geometry@0.1.0'],
    // shapes is imported for its types alone: the exported geometry and the world's `use` need them.
    imports: ['weld:js-typed/shapes@0.1.0', 'wasi:http/types@0.2.12', 'wasi:cli/stdout@0.2.12'],
    contains: ['use weld:js-typed/shapes@0.1.0.{point};', 'describe-trip: func(%from: point, to: point, unit: unit) -> string;'],
  },
  'rust-calc': {
    exports: ['weld:calc/calc@1.0.0'],
    imports: ['weld:calc/log@1.0.0', 'wasi:cli/stderr@0.2.12'],
    contains: ['resource accumulator {', 'constructor(start: s64);', 'parse-int: func(text: string) -> result<s64, string>;'],
  },
  'rust-fs': {
    exports: ['wasi:cli/run@0.2.12', 'wasi:http/incoming-handler@0.2.12'],
    imports: ['wasi:http/types@0.2.12', 'wasi:filesystem/types@0.2.12', 'wasi:filesystem/preopens@0.2.12'],
  },
  'demo-calc': {
    exports: ['weld:demo/calc@0.1.0'],
    imports: [],
    contains: ['resource accumulator {', 'parse: func(text: string) -> result<expr, calc-error>;'],
  },
  'demo-format': {
    exports: ['weld:demo/format@0.1.0'],
    imports: ['weld:demo/calc@0.1.0', 'wasi:clocks/monotonic-clock@0.2.12'],
    contains: ['describe-error: func(error: calc-error) -> string;'],
  },
  'demo-app': {
    exports: ['wasi:cli/run@0.2.12'],
    imports: ['weld:demo/calc@0.1.0', 'weld:demo/format@0.1.0', 'wasi:cli/environment@0.2.12', 'wasi:cli/stdout@0.2.12'],
  },
  'wat-async': {
    exports: ['weld:async-demo/types@0.1.0', 'weld:async-demo/pipeline@0.1.0'],
    imports: ['weld:async-demo/host@0.1.0'],
    contains: [
      'sleep: async func(ms: u32);',
      'process: async func(input: stream<u8>) -> stream<u8>;',
      'fingerprint: async func(b: borrow<blob>) -> future<string>;',
      'read: async func(n: u32) -> list<u8>;',
    ],
  },
  'wat-wasi': {
    exports: ['wasi:cli/run@0.2.12', 'weld:wasi-tour/report@0.1.0'],
    imports: ['wasi:sockets/tcp@0.2.12', 'wasi:filesystem/preopens@0.2.12', 'wasi:random/insecure-seed@0.2.12'],
    minWasiImports: 27,
  },
};

describe.each(Object.entries(fixtures))('fixture %s', (name, expected) => {
  const file = join(out, `${name}.wasm`);

  it('exists and is a component (layer 1, version 0x0d)', () => {
    expect(existsSync(file), `${file} missing; run node test/fixtures/build.mjs`).toBe(true);
    const header = [...readFileSync(file).subarray(0, 8)];
    expect(header).toEqual([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);
  });

  it('validates with wasm-tools', () => {
    const r = wasmToolsRun('validate', file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('has the expected world', () => {
    const r = wasmToolsRun('component', 'wit', file);
    expect(r.status, r.stderr).toBe(0);
    const world = /^world root \{\n([\s\S]*?)^\}/m.exec(r.stdout)?.[1] ?? '';
    const lines = world.split('\n').map((l) => l.trim());
    for (const e of expected.exports) expect(lines).toContain(`export ${e};`);
    for (const i of expected.imports) expect(lines).toContain(`import ${i};`);
    for (const text of expected.contains ?? []) expect(r.stdout).toContain(text);
    if (expected.minWasiImports !== undefined) {
      const wasi = lines.filter((l) => l.startsWith('import wasi:'));
      expect(wasi.length).toBeGreaterThanOrEqual(expected.minWasiImports);
    }
  });
});
