// Instantiates a component that jco transpiled in instantiation mode, with
// WASI 0.2 from @bytecodealliance/preview2-shim (the repository's 0.25) and
// the host's own imports. Shared by run-component.ts (in the test process)
// and cli-child.mjs (a child process, for wasi:cli/run and its stdout).
//
// Plain JavaScript because the child runs on bare Node 20, which cannot load
// TypeScript; jco-host.d.mts declares its types.
//
// Capabilities are granted per instance and deny by default: no preopened
// directories (preview2-shim 0.25 would otherwise preopen the host's `/`), no
// network, an empty environment. Only stdio and clocks and randomness are the
// real ones.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as shim from '@bytecodealliance/preview2-shim';

/** An interface name without its `@version`: `wasi:cli/run@0.2.12` → `wasi:cli/run`. */
export function unversioned(name) {
  const at = name.indexOf('@');
  return at === -1 ? name : name.slice(0, at);
}

/** Thrown in the host when the guest calls `wasi:cli/exit` and `onExit` is `throw`. */
export class ComponentExit extends Error {
  constructor(code) {
    super(`component exited with code ${code}`);
    this.name = 'ComponentExit';
    this.code = code;
  }
}

const kebab = (camel) => camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Every WASI interface preview2-shim implements, keyed `wasi:pkg/iface` (no version). */
function shimInterfaces() {
  const out = {};
  for (const [pkg, members] of Object.entries(shim)) {
    for (const [name, value] of Object.entries(members)) {
      // Interfaces are objects; the rest are the shim's setters and helpers.
      if (value !== null && typeof value === 'object' && !name.startsWith('_')) {
        out[`wasi:${pkg}/${kebab(name)}`] = value;
      }
    }
  }
  return out;
}

/** WASI imports for one instance; see jco-host.d.mts for the options. */
export function wasiImports(options = {}) {
  const env = Object.entries(options.env ?? {});
  const args = [...(options.args ?? [])];
  const exit =
    options.onExit === 'process'
      ? shim.cli.exit
      : {
          exit(status) {
            throw new ComponentExit(status.tag === 'err' ? 1 : 0);
          },
          exitWithCode(code) {
            throw new ComponentExit(code);
          },
        };
  const fs = shim.filesystem.createFilesystem({ preopens: options.preopens ?? {} });
  const sockets = shim.sockets.createSockets({ enableNetwork: options.network === true });
  return {
    ...shimInterfaces(),
    'wasi:cli/environment': {
      getEnvironment: () => env,
      getArguments: () => args,
      initialCwd: () => options.cwd,
    },
    'wasi:cli/exit': exit,
    'wasi:filesystem/types': fs.types,
    'wasi:filesystem/preopens': fs.preopens,
    'wasi:sockets/instance-network': sockets.instanceNetwork,
  };
}

/**
 * The import object for a transpiled component: for each interface it imports
 * (`transpiled.imports`, as jco names them), the host's implementation, found
 * by exact name or by unversioned name, else the WASI default.
 */
export function resolveImports(transpiled, host = {}, wasi = {}) {
  const byName = new Map();
  for (const [name, impl] of Object.entries(host)) byName.set(unversioned(name), impl);
  for (const [name, impl] of Object.entries(host)) byName.set(name, impl);
  const out = {};
  const missing = [];
  for (const name of transpiled.imports) {
    const impl = byName.get(name) ?? byName.get(unversioned(name)) ?? wasi[unversioned(name)];
    if (impl === undefined) missing.push(name);
    else out[name] = impl;
  }
  if (missing.length > 0) {
    throw new Error(
      `${transpiled.source}: no implementation for imported interface(s) ${missing.join(', ')}; ` +
        `pass them in \`imports\``,
    );
  }
  return out;
}

/** Compiled core modules, by file: compiling ts-app's 10 MiB core once is enough. */
const compiled = new Map();

function coreModule(dir, file) {
  const path = join(dir, file);
  let module = compiled.get(path);
  if (module === undefined) {
    module = readFile(path).then((bytes) => WebAssembly.compile(bytes));
    compiled.set(path, module);
  }
  return module;
}

/** Instantiates a transpiled component with a finished import object; resolves to its exports. */
export async function instantiate(transpiled, imports) {
  const js = await import(/* @vite-ignore */ pathToFileURL(join(transpiled.dir, transpiled.js)).href);
  return js.instantiate((file) => coreModule(transpiled.dir, file), imports);
}
