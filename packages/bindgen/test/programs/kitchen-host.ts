// A host of world weld:kitchen/kitchen transpiled by jco, checked against
// `weld types --host`. Every `@ts-expect-error` must be an error.
import { instantiate, type ImportObject, type Kitchen } from './generated/kitchen.js';
import type { Point, Shape } from './generated/imports/weld-kitchen-types.js';

class HostBlob {
  #bytes: Uint8Array;
  constructor(init: Uint8Array) {
    this.#bytes = init;
  }
  write(bytes: Uint8Array): bigint {
    this.#bytes = new Uint8Array([...this.#bytes, ...bytes]);
    return BigInt(this.#bytes.length);
  }
  read(n: number): Uint8Array {
    return this.#bytes.subarray(0, n);
  }
  static merge(lhs: HostBlob, rhs: HostBlob): HostBlob {
    return new HostBlob(new Uint8Array([...lhs.read(1 << 30), ...rhs.read(1 << 30)]));
  }
  static count(): number {
    return 0;
  }
}

const types: ImportObject['weld:kitchen/types'] = {
  Blob: HostBlob,
  draw(at: Point, shape: Shape): Point {
    if (shape.tag === 'dot') throw shape;
    return at;
  },
  maybe: (twice) => (twice.tag === 'none' ? undefined : { tag: 'ok', val: undefined }),
  nothing() {},
  check() {},
  validate(n) {
    if (n.g > 10n) throw 'red';
  },
  layered: () => ({ tag: 'err', val: 'no' }),
  handles: (owned) => [owned],
  delete: () => [],
};

const imports: ImportObject = {
  'weld:kitchen/types': types,
  'weld:kitchen/flow': {
    next: async () => ({ x: 0, y: 0 }),
    pipe: (_bytes, _done) => (async function* () { yield { x: 1, y: 1 }; })(),
    signals: async () => ({ tag: 'ok', val: undefined }),
    report: () => 'error',
  },
  clock: { now: () => 0n },
  log: { default(message: string, at: Point) { console.log(message, at); } },
};

// @ts-expect-error: a missing import (`clock`)
const incomplete: ImportObject = { 'weld:kitchen/types': types, 'weld:kitchen/flow': imports['weld:kitchen/flow'], log: imports.log };

// @ts-expect-error: wrong argument type in an import implementation
const wrongClock: ImportObject['clock'] = { now: () => 0 };

async function main(): Promise<void> {
  const instance: Kitchen = await instantiate(async (path) => WebAssembly.compile(new Uint8Array(path.length)), imports);
  const point: Point = instance.paint(['red', 'blue']);
  // @ts-expect-error: a palette holds colours
  instance.paint(['purple']);
  const blob = new instance.types.Blob(new Uint8Array(1));
  blob[Symbol.dispose]();
  using cursor = instance.session.open(blob);
  const at: number = cursor.advance(1);
  // Exported interfaces are also there under their full name.
  instance['weld:kitchen/types@0.1.0'].nothing();
  // @ts-expect-error: wrong variant tag
  instance.types.draw(point, { tag: 'hexagon' }, 'red', {});
  void at;
}

void [incomplete, wrongClock, main];
