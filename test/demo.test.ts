/**
 * `npm start`'s script (scripts/demo.mjs) end to end: weld build, compose,
 * inspect, package into an OCI image layout, run it as a command and serve
 * it over HTTP. Checks what it prints at each step, above all the result of
 * the run and the answer to the HTTP request. (`npm test` has built weld
 * first, as `prestart` does for `npm start`.)
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from './support.js';
import { demoCredits } from './support/demo.js';

const credits = demoCredits;

describe('npm start (scripts/demo.mjs)', () => {
  let stdout = '';
  let stderr = '';
  let status: number | null = null;

  beforeAll(async () => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'demo.mjs')], {
      cwd: root,
      env: { ...process.env, WELD_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    status = await new Promise((resolve) => child.once('exit', resolve));
  }, 600_000);

  it('finishes', () => {
    expect(stderr, stdout).not.toMatch(/^(error|internal error|demo):/m);
    expect(status, `${stdout}\n${stderr}`).toBe(0);
  });

  it('builds the three components', () => {
    expect(stdout).toContain('$ weld build\n');
    for (const name of ['calc', 'format', 'app']) {
      expect(stdout).toMatch(new RegExp(`^(. )?${name}: (built in|up to date|[a-z]+ not found).* → out/components/${name}\\.wasm`, 'm'));
    }
    expect(stdout).toMatch(/^weld build: 3 components: /m);
  });

  it('composes, and only WASI is left to import', () => {
    expect(stdout).toContain('$ weld compose out/components/app.wasm --plug out/components/calc.wasm --plug out/components/format.wasm -o out/demo.wasm\n');
    const world = /^world root:component\/root\n {2}imports\n([\s\S]*?)\n {2}exports\n([\s\S]*?)\n\n/m.exec(stdout);
    expect(world, stdout).not.toBeNull();
    const imports = world?.[1]?.split('\n').map((line) => line.trim().split(':')[0]) ?? [];
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.every((name) => name === 'wasi'), world?.[1]).toBe(true);
    expect(world?.[2]).toContain('wasi:cli@0.2.12: run');
    expect(world?.[2]).toContain('wasi:http@0.2.12: incoming-handler');
  });

  it('packages into an OCI image layout', () => {
    expect(stdout).toContain('$ weld package out/demo.wasm -o out/demo-layout --tag demo\n');
  });

  it('runs the packaged component: Rust computes, Go formats, TypeScript routes', () => {
    expect(stdout).toContain(
      "$ weld run out/demo-layout -- '1.5 * 4' '10 / 4'\n" +
        `1.5 * 4 = 6 ${credits}\n` +
        `10 / 4 = 2.5 ${credits}\n` +
        'total = 8.5 (2 of 2 expressions, accumulated by Rust)\n',
    );
  });

  it('serves the same artifact and answers an HTTP request with the same line', () => {
    expect(stdout).toMatch(/^weld serve: listening on http:\/\/127\.0\.0\.1:\d+\/?$/m);
    expect(stdout).toMatch(
      new RegExp(
        "^\\$ curl 'http://127\\.0\\.0\\.1:\\d+/\\?expr=1\\.5\\*4'\\n" +
          'HTTP 200 OK \\(text/plain; charset=utf-8\\)\\n' +
          `1\\.5 \\* 4 = 6 \\(computed by Rust, formatted by Go, routed by TypeScript\\)\\n` +
          'total = 6 \\(1 of 1 expressions, accumulated by Rust\\)\\n' +
          '\\(server stopped\\)$',
        'm',
      ),
    );
  });
});
