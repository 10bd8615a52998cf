/** WIT for the composition tests, one package per concern. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentFromWit, jcoWasiWit, repoRoot, rustCalcWitDir } from './helpers.js';
import type { ComposeInput } from '@weld/compose';

const math = `
package example:math@1.0.0;

interface types {
  record point { x: s32, y: s32 }
  resource counter {
    constructor();
    inc: func() -> u32;
  }
}

interface ops {
  use types.{point, counter};
  add: func(a: s32, b: s32) -> s32;
  norm: func(p: point) -> u32;
  make: func() -> counter;
}

interface report {
  use types.{point, counter};
  last: func() -> point;
  tally: func(c: borrow<counter>) -> u32;
}

world calc { export ops; }
world app {
  import ops;
  export run: func() -> s32;
  export report;
}
`;

/** app.wasm imports example:math/ops (which uses example:math/types); calc.wasm exports ops. */
export const app = (): ComposeInput => componentFromWit('app.wasm', { text: math }, 'app');
export const calc = (): ComposeInput => componentFromWit('calc.wasm', { text: math }, 'calc');

/** A variant of example:math/ops@1.0.0 with one more function and one more interface exported. */
export const bigCalc = (): ComposeInput => componentFromWit('big-calc.wasm', {
  text: `
package example:math@1.0.0;

interface types {
  record point { x: s32, y: s32 }
  resource counter {
    constructor();
    inc: func() -> u32;
  }
}

interface ops {
  use types.{point, counter};
  add: func(a: s32, b: s32) -> s32;
  sub: func(a: s32, b: s32) -> s32;
  norm: func(p: point) -> u32;
  make: func() -> counter;
}

interface extra { hello: func() -> string; }

world big-calc {
  export ops;
  export extra;
}
`,
}, 'big-calc');

function opsVariant(name: string, ops: string): ComposeInput {
  return componentFromWit(name, {
    text: `
package example:math@1.0.0;

interface types {
  record point { x: s32, y: s32 }
  resource counter {
    constructor();
    inc: func() -> u32;
  }
}

interface ops {
  use types.{point, counter};
${ops}
}

world ops-plug { export ops; }
`,
  }, 'ops-plug');
}

/** ops.add takes `b: string`. */
export const badParam = (): ComposeInput => opsVariant('bad-param.wasm', `
  add: func(a: s32, b: string) -> s32;
  norm: func(p: point) -> u32;
  make: func() -> counter;`);

/** ops has no `make`. */
export const missingFunc = (): ComposeInput => opsVariant('missing.wasm', `
  add: func(a: s32, b: s32) -> s32;
  norm: func(p: point) -> u32;`);

/** ops.add is async. */
export const asyncAdd = (): ComposeInput => opsVariant('async.wasm', `
  add: async func(a: s32, b: s32) -> s32;
  norm: func(p: point) -> u32;
  make: func() -> counter;`);

const chain = `
package example:chain@0.1.0;

interface a { run: func(x: u32) -> u32; }
interface b { step: func(x: u32) -> list<u32>; }
interface sink { log: func(msg: string); }

world app {
  import a;
  export main: func() -> u32;
}
world first {
  import b;
  export a;
}
world second {
  import sink;
  export b;
}
world loop-a {
  import b;
  export a;
}
world loop-b {
  import a;
  export b;
}
world other {
  export sink;
}
world nothing {
  export unrelated;
}
`;
const chainWit = `${chain}\ninterface unrelated { f: func(); }\n`;

/** Chain: app ← first (exports a, imports b) ← second (exports b, imports sink). */
export const chainApp = (): ComposeInput => componentFromWit('app.wasm', { text: chainWit }, 'app');
export const chainFirst = (): ComposeInput => componentFromWit('first.wasm', { text: chainWit }, 'first');
export const chainSecond = (): ComposeInput => componentFromWit('second.wasm', { text: chainWit }, 'second');
export const loopA = (): ComposeInput => componentFromWit('a.wasm', { text: chainWit }, 'loop-a');
export const loopB = (): ComposeInput => componentFromWit('b.wasm', { text: chainWit }, 'loop-b');
export const sinkPlug = (): ComposeInput => componentFromWit('sink.wasm', { text: chainWit }, 'other');
export const unrelated = (): ComposeInput => componentFromWit('unrelated.wasm', { text: chainWit }, 'nothing');

const res = `
package example:res@0.1.0;

interface types {
  resource r {
    constructor(v: u32);
    get: func() -> u32;
  }
}

interface consumer {
  use types.{r};
  take: func(x: own<r>) -> u32;
  peek: func(x: borrow<r>) -> u32;
}

world app {
  import types;
  import consumer;
  export run: func() -> u32;
}
world types-plug { export types; }
world use-plug {
  import types;
  export consumer;
}
world both-plug {
  export types;
  export consumer;
}
`;

/** app imports types (resource r) and use (takes own<r>). */
export const resApp = (): ComposeInput => componentFromWit('app.wasm', { text: res }, 'app');
/** Defines r. */
export const resTypes = (): ComposeInput => componentFromWit('types.wasm', { text: res }, 'types-plug');
/** Imports types, exports use. */
export const resUse = (): ComposeInput => componentFromWit('use.wasm', { text: res }, 'use-plug');
/** Defines its own r, and exports use over it. */
export const resBoth = (): ComposeInput => componentFromWit('both.wasm', { text: res }, 'both-plug');

function clockPackage(version: string, extra: string): string {
  return `
package example:clock@${version};

interface types {
  record datetime { seconds: u64, nanoseconds: u32 }
}

interface wall {
  use types.{datetime};
  now: func() -> datetime;
${extra}
}
`;
}

function clockUser(name: string, version: string, extra: string, iface: string): ComposeInput {
  return componentFromWit(name, {
    text: `${clockPackage(version, extra)}
world user {
  import wall;
  export example:users/${iface};
}

package example:users {
  interface ${iface} { stamp: func() -> u64; }
}
`,
  }, 'user');
}

/** Imports example:clock/wall@0.2.3 (and its types), exports example:users/one. */
export const clockOld = (): ComposeInput => clockUser('old.wasm', '0.2.3', '', 'one');
/** Imports example:clock/wall@0.2.12, which has one more function, exports example:users/two. */
export const clockNew = (): ComposeInput => clockUser('new.wasm', '0.2.12', '  resolution: func() -> datetime;', 'two');
/** Imports example:clock/wall@1.0.0 (another track), exports example:users/three. */
export const clockOne = (): ComposeInput => clockUser('one.wasm', '1.0.0', '', 'three');

/** Imports example:users/one, two and three. */
export const clockApp = (): ComposeInput => componentFromWit('app.wasm', {
  text: `
package example:users;

interface one { stamp: func() -> u64; }
interface two { stamp: func() -> u64; }
interface three { stamp: func() -> u64; }

world app {
  import one;
  import two;
  import three;
  export run: func() -> u64;
}
`,
}, 'app');

function stampPlug(name: string, version: string, iface: string, imports: string): ComposeInput {
  return componentFromWit(name, {
    text: `
package example:stamp@0.1.0;

interface one { now: func() -> u64; }
interface two { now: func() -> u64; }

world plug {
${imports.split(',').map((i) => `  import wasi:${i}@${version};`).join('\n')}
  export ${iface};
}
`,
    deps: [jcoWasiWit(version, 'wasi-io'), jcoWasiWit(version, 'wasi-clocks')],
  }, 'plug');
}

/** WASI 0.2.10 from jco: imports wasi:clocks/wall-clock and wasi:io/streams, exports example:stamp/one. */
export const wasiOld = (): ComposeInput => stampPlug('old.wasm', '0.2.10', 'one', 'clocks/wall-clock,io/streams');
/** WASI 0.2.12 from jco: imports wasi:clocks/wall-clock and wasi:io/streams, exports example:stamp/two. */
export const wasiNew = (): ComposeInput => stampPlug('new.wasm', '0.2.12', 'two', 'clocks/wall-clock,io/streams');
/** WASI 0.2.12 from jco: imports wasi:clocks/wall-clock and wasi:io/poll only, exports example:stamp/two. */
export const wasiNewPoll = (): ComposeInput => stampPlug('new-poll.wasm', '0.2.12', 'two', 'clocks/wall-clock,io/poll');
/** Imports example:stamp/one and two. */
export const wasiApp = (): ComposeInput => componentFromWit('app.wasm', {
  text: `
package example:stamp@0.1.0;

interface one { now: func() -> u64; }
interface two { now: func() -> u64; }

world app {
  import one;
  import two;
  export run: func() -> u64;
}
`,
}, 'app');

/** The rust-calc fixture built by the global setup (real canonical-ABI code, WASI 0.2.12 imports). */
export const rustCalc = (): ComposeInput => ({
  name: 'rust-calc.wasm',
  bytes: readFileSync(join(repoRoot, 'test', 'fixtures', 'out', 'rust-calc.wasm')),
});

/** Imports weld:calc/calc@1.0.0. */
export const calcUser = (): ComposeInput => componentFromWit('user.wasm', {
  text: `
package example:user;

world user {
  import weld:calc/calc@1.0.0;
  export run: func() -> s64;
}
`,
  deps: [rustCalcWitDir],
}, 'user');

/** Exports weld:calc/log@1.0.0 and writes with WASI 0.2.10's streams. */
export const calcLogger = (): ComposeInput => componentFromWit('logger.wasm', {
  text: `
package example:logger;

world logger {
  import wasi:io/streams@0.2.10;
  export weld:calc/log@1.0.0;
}
`,
  deps: [rustCalcWitDir, jcoWasiWit('0.2.10', 'wasi-io')],
}, 'logger');

/** The ts-app fixture (componentize-js): imports weld:ts-app/kv and much of WASI 0.2.12. */
export const tsApp = (): ComposeInput => ({
  name: 'ts-app.wasm',
  bytes: readFileSync(join(repoRoot, 'test', 'fixtures', 'out', 'ts-app.wasm')),
});

/** Exports weld:ts-app/kv; imports wasi:clocks/monotonic-clock@0.2.10. */
export const kvPlug = (): ComposeInput => componentFromWit('kv.wasm', {
  text: `
package example:kv;

world kv {
  import wasi:clocks/monotonic-clock@0.2.10;
  export weld:ts-app/kv@0.1.0;
}

package weld:ts-app@0.1.0 {
  interface kv {
    get: func(key: string) -> option<string>;
    set: func(key: string, value: string);
  }
}
`,
  deps: [jcoWasiWit('0.2.10', 'wasi-io'), jcoWasiWit('0.2.10', 'wasi-clocks')],
}, 'kv');

/** Exports example:clock/wall@0.2.12 (importing its types). */
export const clockProvider = (): ComposeInput => componentFromWit('clock.wasm', {
  text: `${clockPackage('0.2.12', '  resolution: func() -> datetime;')}
world provider { export wall; }
`,
}, 'provider');

/** An imported interface whose resource also has an alias, like wasi:http's `type trailers = fields`. */
const aliasRes = `
package example:alias@0.1.0;
interface fields {
  resource fields { constructor(); get: func(name: string) -> option<string>; }
  type trailers = fields;
  finish: func(t: trailers) -> u32;
}
interface use-fields { use fields.{fields}; count: func() -> u32; }
world app { import fields; import use-fields; export run: func() -> u32; }
world use-plug { import fields; export use-fields; }
`;
export const aliasApp = (): ComposeInput => componentFromWit('app.wasm', { text: aliasRes }, 'app');
export const aliasUse = (): ComposeInput => componentFromWit('use.wasm', { text: aliasRes }, 'use-plug');
