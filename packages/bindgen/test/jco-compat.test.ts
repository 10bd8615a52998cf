/**
 * weld's declarations against jco's (`jco types --instantiation async` and
 * `jco guest-types`) for the same worlds: every item both declare is
 * mutually assignable, except the differences README.md lists with reasons.
 * The test pins those differences, so a new one fails it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare, type WorldShape } from './jco-compat.js';
import { root, wasiTree } from './support.js';

const kitchen = new URL('./wit/kitchen', import.meta.url).pathname;

// jco's ImportObject keys imports by versioned name (`'wasi:cli/stdout@0.2.12'`) while
// the code jco transpiles reads `imports['wasi:cli/stdout']`; weld keys them as read, so
// the two import objects differ and with them `instantiate`, which takes one.
const versionedKeys = [
  "instantiate: jco's is not assignable to weld's",
  "instantiate: weld's is not assignable to jco's",
];

// An interface the world both imports and exports: jco declares it once, with the
// imported resource classes (no `Symbol.dispose` on the host side), and types the
// exports with those; weld declares the exported side apart, with its own classes.
const exportedResources = (key: string, exportsName: string): string[] => [
  `${exportsName}['${key}']: jco's is not assignable to weld's`,
  `${exportsName}['${key}']: weld's is not assignable to jco's`,
  // `instantiate` returns the exports, so it differs by the same item.
  "instantiate: jco's is not assignable to weld's",
  "instantiate: weld's is not assignable to jco's",
];


// A resource without a WIT constructor is declared, by both, with `private constructor()`;
// TypeScript compares classes with private members by declaration, so two separate
// declarations of `Network` can never be assignable both ways, whatever they say.
const privateConstructors = (direction: 'jco' | 'weld'): string[] => {
  const way = direction === 'jco' ? "jco's is not assignable to weld's" : "weld's is not assignable to jco's";
  return [
    `import wasi:sockets/network@0.2.12 Network (value): ${way}`,
    `import wasi:sockets/network@0.2.12 Network: ${way}`,
    `import wasi:sockets/tcp@0.2.12 Network: ${way}`,
    `import wasi:sockets/udp@0.2.12 Network: ${way}`,
    `import wasi:cli/terminal-output@0.2.12 TerminalOutput (value): ${way}`,
    `import wasi:cli/terminal-output@0.2.12 TerminalOutput: ${way}`,
  ];
};

const worlds: { readonly name: string; readonly wit: () => string; readonly world: WorldShape; readonly host: string[]; readonly guest: string[] }[] = [
  {
    name: 'kitchen (every type constructor)',
    wit: () => kitchen,
    world: {
      spec: 'weld:kitchen/kitchen@0.1.0', name: 'kitchen',
      imports: ['weld:kitchen/types@0.1.0', 'weld:kitchen/flow@0.1.0'],
      exports: ['weld:kitchen/types@0.1.0'],
      exportFunctions: ['paint'],
    },
    host: exportedResources('weld:kitchen/types@0.1.0', 'Kitchen'),
    // jco types the guest's exported `types` with the imported classes (with `Symbol.dispose`).
    guest: [
      "export weld:kitchen/types@0.1.0: jco's is not assignable to weld's",
      "export weld:kitchen/types@0.1.0: weld's is not assignable to jco's",
    ],
  },
  {
    name: 'wit/ app (the demo)',
    wit: () => join(root, 'wit'),
    world: {
      spec: 'weld:demo/app@0.1.0', name: 'app',
      imports: ['weld:demo/calc@0.1.0', 'weld:demo/format@0.1.0', 'wasi:cli/environment@0.2.12', 'wasi:io/streams@0.2.12', 'wasi:cli/stdout@0.2.12'],
      exports: ['wasi:cli/run@0.2.12'],
      exportFunctions: [],
    },
    host: versionedKeys,
    guest: [],
  },
  {
    name: 'WASI 0.2.12 wasi:cli/command',
    wit: () => wasiTree('0.2.12').dir,
    world: {
      spec: 'wasi:cli/command@0.2.12', name: 'command',
      imports: [
        'wasi:io/error@0.2.12', 'wasi:io/poll@0.2.12', 'wasi:io/streams@0.2.12', 'wasi:clocks/monotonic-clock@0.2.12',
        'wasi:clocks/wall-clock@0.2.12', 'wasi:filesystem/types@0.2.12', 'wasi:filesystem/preopens@0.2.12',
        'wasi:sockets/network@0.2.12', 'wasi:sockets/tcp@0.2.12', 'wasi:sockets/udp@0.2.12', 'wasi:random/random@0.2.12',
        'wasi:cli/environment@0.2.12', 'wasi:cli/exit@0.2.12', 'wasi:cli/stdout@0.2.12', 'wasi:cli/terminal-output@0.2.12',
      ],
      exports: ['wasi:cli/run@0.2.12'],
      exportFunctions: [],
    },
    host: [
      ...privateConstructors('weld'),
      "ImportObject['wasi:sockets/network@0.2.12']: weld's is not assignable to jco's",
      "ImportObject['wasi:cli/terminal-output@0.2.12']: weld's is not assignable to jco's",
      ...versionedKeys,
    ],
    guest: privateConstructors('jco'),
  },
  {
    name: 'WASI 0.2.12 wasi:http/proxy',
    wit: () => wasiTree('0.2.12').dir,
    world: {
      spec: 'wasi:http/proxy@0.2.12', name: 'proxy',
      imports: ['wasi:http/types@0.2.12', 'wasi:http/outgoing-handler@0.2.12', 'wasi:io/streams@0.2.12', 'wasi:random/random@0.2.12'],
      exports: ['wasi:http/incoming-handler@0.2.12'],
      exportFunctions: [],
    },
    host: versionedKeys,
    guest: [],
  },
];

describe('mutual assignability with jco', () => {
  for (const { name, wit, world, host, guest } of worlds) {
    for (const [mode, expected] of [['guest', guest], ['host', host]] as const) {
      it(`${name}, --${mode}`, async () => {
        const result = await compare(wit(), world, mode);
        expect(result.compared.length).toBeGreaterThan(mode === 'guest' ? 3 : 5);
        if (process.env['DUMP'] === '1') console.log(JSON.stringify({ name, mode, messages: result.messages, jcoErrors: result.jcoErrors }));
        expect(result.messages).toEqual(expected);
        // Both declare the same names (jco's helpers aside).
        expect(result.onlyJco).toEqual([]);
        // jco writes a reserved-word function (`eval`, `delete`) in a host file without `declare`, which tsc rejects.
        for (const error of result.jcoErrors) expect(error).toContain("Top-level declarations in .d.ts files must start with either a 'declare' or 'export' modifier");
      });
    }
  }
});
