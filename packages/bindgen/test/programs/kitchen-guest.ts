// A componentize-js guest of world weld:kitchen/kitchen, checked against
// `weld types --guest`. Every `@ts-expect-error` must be an error.
import { Blob, draw, maybe, delete as remove, type Point, type Shape, type Nesting, type Lists } from 'weld:kitchen/types@0.1.0';
import { next, pipe, signals } from 'weld:kitchen/flow@0.1.0';
import { now } from 'clock';
import log from 'log';
import type { Exports, Palette } from 'weld:kitchen/kitchen@0.1.0';

const origin: Point = { x: 0, y: 0 };
const named: Point = { x: 1, y: 2, label: 'a' };
const square: Shape = { tag: 'square', val: origin };
// @ts-expect-error: a variant case that does not exist
const wrongTag: Shape = { tag: 'triangle', val: origin };
// @ts-expect-error: the payload of `circle` is a number
const wrongPayload: Shape = { tag: 'circle', val: 'round' };

// `result` as the return value: the ok payload, or a thrown error.
const drawn: Point = draw(named, square, 'light-green', { read: true, execute: false });
// @ts-expect-error: wrong argument type (an enum case that does not exist)
draw(named, square, 'purple', {});
// @ts-expect-error: flags are booleans
draw(named, square, 'red', { read: 1 });
const maybeResult = maybe({ tag: 'some', val: undefined }, undefined);
if (maybeResult !== undefined && maybeResult.tag === 'err') log(maybeResult.val, drawn);
const removed: Point[] = remove(1, 'x');

// Resources: constructor, methods, statics, Symbol.dispose.
const blob = new Blob(new Uint8Array([1, 2]));
const written: bigint = blob.write(new Uint8Array(4));
// @ts-expect-error: 64-bit integers are bigint
const writtenNumber: number = blob.write(new Uint8Array(4));
const merged = Blob.merge(blob, blob);
merged[Symbol.dispose]();
const count: number = Blob.count();

// Nested options and results are tagged unions; lists of numbers are typed arrays.
const nesting: Nesting = {
  twice: { tag: 'none' },
  aliased: { tag: 'some', val: 3 },
  outcome: { tag: 'err', val: 'no' },
  bare: { tag: 'ok', val: undefined },
  onlyOk: { tag: 'ok', val: 'yes' },
  onlyErr: { tag: 'err', val: 'blue' },
  pair: [1n, 'two', origin],
  single: [7n],
};
const lists: Pick<Lists, 'bytes' | 'longs' | 'names'> = { bytes: new Uint8Array(), longs: new BigUint64Array(), names: ['a'] };
// @ts-expect-error: list<u8> is a Uint8Array, not an array of numbers
const notBytes: Pick<Lists, 'bytes'> = { bytes: [1, 2] };

// Async functions are promises; streams and futures as jco types them.
async function flow(): Promise<Point> {
  const at: bigint = now();
  const points: AsyncIterable<Point> = pipe((async function* () { yield 1; })(), Promise.resolve('done'));
  for await (const point of points) log('point', point);
  void signals((async function* () { yield undefined; })(), Promise.resolve());
  return next(at);
}

// The exports: world `kitchen` asks for `paint`, `types` and `session`.
export function paint(palette: Palette): Point {
  if (palette.length === 0) throw 'empty palette';
  return origin;
}

class Cursor {
  #at: number;
  constructor(start: number) {
    this.#at = start;
  }
  advance(by: number): number {
    this.#at += by;
    return this.#at;
  }
}

export const session = {
  Cursor,
  // `session` uses the blob this component exports (`types` is exported too), not the imported one.
  open(b: { read(n: number): Uint8Array }): Cursor {
    return new Cursor(b.read(1).length);
  },
};

class OwnBlob {
  constructor(readonly init: Uint8Array) {}
  write(bytes: Uint8Array): bigint { return BigInt(bytes.length); }
  read(n: number): Uint8Array { return this.init.subarray(0, n); }
  static merge(lhs: OwnBlob, _rhs: OwnBlob): OwnBlob { return lhs; }
  static count(): number { return 0; }
}

export const types = {
  Blob: OwnBlob,
  draw: (at: Point): Point => at,
  maybe: () => undefined,
  nothing: () => {},
  check: () => {},
  validate: () => {},
  layered: (): { tag: 'ok'; val: number } => ({ tag: 'ok', val: 1 }),
  // Resources in signatures are the declared classes; contextual types fill them in.
  handles: (owned) => [owned],
  delete: (): Point[] => [],
} satisfies Exports['types'];

// @ts-expect-error: `session.open` must return a cursor
export const badSession = { Cursor, open: (): number => 1 } satisfies Exports['session'];

void [wrongTag, wrongPayload, written, writtenNumber, count, nesting, lists, notBytes, flow];
