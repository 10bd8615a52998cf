/**
 * A component's WIT as one source string. jco's `componentEmbed` and
 * componentize-js run wasm-tools under preview2-shim, which grants no
 * filesystem, so they take WIT as text, not as a path: the main package's
 * files joined under one `package` declaration, then every `wasi:*` package
 * it reaches (transitively) as a nested `package wasi:x@v { … }` block.
 *
 * Dependencies are read from `deps/NAME/*.wit` beside the WIT (as wit-parser
 * lays them out), or else from jco's builtin copy of WASI
 * (`lib/wit/builtin/VERSION/wasi-NAME/package.wit`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildError } from './errors.js';

const WASI_REF = /\bwasi:([a-z][a-z0-9-]*)(?:\/[a-z][a-z0-9-]*)?@(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/g;
const PACKAGE = /^package\s+([a-z][a-z0-9-]*:[a-z][a-z0-9-]*(?:@[0-9A-Za-z.+-]+)?)\s*;/m;

/** The folder of the installed `@bytecodealliance/jco` package. */
export function jcoDir(): string {
  // dist/api.js → the package folder.
  return dirname(dirname(fileURLToPath(import.meta.resolve('@bytecodealliance/jco'))));
}

/** Every `.wit` path that makes up `wit` (a file, or a folder with `deps/`), for hashing and watching. */
export function witFiles(wit: string): string[] {
  if (!statSync(wit).isDirectory()) {
    const deps = join(dirname(wit), 'deps');
    return [wit, ...(existsSync(deps) ? walkWit(deps) : [])];
  }
  return walkWit(wit);
}

function walkWit(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const file of walkWit(path)) out.push(file);
    else if (entry.name.endsWith('.wit')) out.push(path);
  }
  return out;
}

/**
 * The WIT at `wit` (a `.wit` file, or a folder of files of one package with
 * WASI packages in `deps/`) as one source string with its WASI dependencies
 * nested.
 */
export function bundleWit(wit: string): string {
  if (!existsSync(wit)) throw new BuildError('wit', `${wit}: no such file or folder`);
  const isDir = statSync(wit).isDirectory();
  const files = isDir ? readdirSync(wit).filter((f) => f.endsWith('.wit')).sort().map((f) => join(wit, f)) : [wit];
  if (files.length === 0) throw new BuildError('wit', `${wit}: no .wit files`);
  let pkg: string | undefined;
  const bodies = files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const m = PACKAGE.exec(text);
    if (m === null) throw new BuildError('wit', `${file}: has no \`package\` declaration`);
    if (pkg !== undefined && m[1] !== pkg) throw new BuildError('wit', `${wit}: mixes the packages ${pkg} and ${m[1]}`);
    pkg = m[1];
    return `// ${basename(file)}\n${text.replace(PACKAGE, '').trim()}\n`;
  });
  const main = [`package ${pkg};`, '', ...bodies].join('\n');
  const depsDir = join(isDir ? wit : dirname(wit), 'deps');
  const seen = new Map<string, string>();
  const queue = [main];
  for (let text = queue.shift(); text !== undefined; text = queue.shift()) {
    for (const [, name = '', version = ''] of text.matchAll(WASI_REF)) {
      const key = `wasi:${name}@${version}`;
      if (seen.has(key)) continue;
      const dep = readDependency(depsDir, name, version, key, wit);
      const decl = new RegExp(`^package\\s+${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*;`, 'm');
      seen.set(key, `${dep.replace(decl, `package ${key} {`).trimEnd()}\n}\n`);
      queue.push(dep);
    }
  }
  const nested = [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, text]) => text);
  return [main.trimEnd(), '', ...nested].join('\n');
}

/** The text of package `key` (wasi:NAME@VERSION): from deps/NAME/ if it declares it, else jco's builtin WASI. */
function readDependency(depsDir: string, name: string, version: string, key: string, wit: string): string {
  const decl = new RegExp(`^package\\s+${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*;`, 'm');
  const local = join(depsDir, name);
  if (existsSync(local) && statSync(local).isDirectory()) {
    const text = walkWit(local)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    if (decl.test(text)) {
      // Several files of one package: keep one declaration.
      let first = true;
      return text.replace(new RegExp(decl.source, 'gm'), (m) => (first ? ((first = false), m) : ''));
    }
  }
  const builtin = join(jcoDir(), 'lib', 'wit', 'builtin', version, `wasi-${name}`, 'package.wit');
  if (existsSync(builtin)) {
    const text = readFileSync(builtin, 'utf8');
    if (decl.test(text)) return text;
  }
  throw new BuildError('wit', `${wit} uses ${key}, which is neither in ${local}/ nor among jco's builtin WASI packages`);
}
