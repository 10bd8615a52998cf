/**
 * What the fuzzer drives: each target takes one input (bytes; text targets
 * decode them as UTF-8) through a stage of weld the way the CLI would, and
 * says how it ended. Ending with weld's own typed error is fine (the CLI turns
 * it into exit 1); any other exception is a finding (the CLI would exit 2).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BinaryError, ComponentTypeError, WitDecodeError, WitEncodeError, componentTypes, decodeComponent, encodeComponent, encodeWitPackage,
  inspectBinary, isComponent,
} from '@weld/component';
import { ComposeError, composeFromConfig, encodeComposition, parseComposeConfig, plug } from '@weld/compose';
import { WacError, parseWac, printWac } from '@weld/wac';
import { WitError, loadWitText, parseWitRecovering, printOrder, printWit, resolveToJson } from '@weld/wit';
import type { Diagnostic } from '@weld/wit';

/** The repository root, from test/fuzz/ and from the campaign's bundle in .fuzz/build/ alike. */
const root = fileURLToPath(new URL('../..', import.meta.url));

/** `ok`, or the typed error that ended the case as `Class:kind`. */
export type Outcome = string;

export interface FuzzTarget {
  readonly name: string;
  /** Real inputs the mutations start from. */
  readonly seeds: () => readonly Uint8Array[];
  readonly run: (input: Uint8Array) => Outcome | Promise<Outcome>;
}

/** An exception the CLI would report as a bug in weld. */
export class Finding extends Error {
  override readonly name = 'Finding';
}

/** The outcome of a typed error; anything else is rethrown as it is. */
export function typedOutcome(error: unknown): Outcome {
  if (error instanceof WitError || error instanceof BinaryError || error instanceof ComponentTypeError || error instanceof WitDecodeError || error instanceof WitEncodeError
    || error instanceof ComposeError || error instanceof WacError) {
    return 'kind' in error ? `${error.name}:${error.kind}` : error.name;
  }
  throw error;
}

async function outcomeOf(work: () => unknown): Promise<Outcome> {
  try {
    await work();
    return 'ok';
  } catch (error) {
    return typedOutcome(error);
  }
}

const text = new TextDecoder('utf-8', { fatal: false });
const utf8 = new TextEncoder();

const fileBytes = (...paths: string[]): Uint8Array[] => paths.map((path) => new Uint8Array(readFileSync(join(root, path))));

/** Small real binaries: WAT fixtures, a Rust component, a Go one (built by test/fixtures/build.mjs or committed). */
function binarySeeds(): Uint8Array[] {
  const candidates = ['test/fixtures/out/wat-async.wasm', 'test/fixtures/out/wat-wasi.wasm', 'test/fixtures/out/demo-calc.wasm', 'test/fixtures/out/rust-calc.wasm', 'components/prebuilt/calc.wasm'];
  return fileBytes(...candidates.filter((path) => statSync(join(root, path), { throwIfNoEntry: false })?.isFile() === true));
}

/** Every single-file case of the WIT corpus, parse failures included. */
function witSeeds(): Uint8Array[] {
  const dirs = ['packages/wit/tests/ui', 'packages/wit/tests/ui/parse-fail'];
  return dirs.flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((name) => name.endsWith('.wit'))
      .sort()
      .map((name) => new Uint8Array(readFileSync(join(root, dir, name)))),
  );
}

const configSeed = `components:
  app: app.wasm
  calc: calc.wasm
instances:
  calc: { component: calc }
  app:
    component: app
    with:
      weld:calc/calc@1.0.0: calc.weld:calc/calc@1.0.0
exports:
  weld:calc/calc@1.0.0: calc.weld:calc/calc@1.0.0
policy:
  deny: ["wasi:sockets/*", "wasi:http/*"]
  allow: ["wasi:cli/*"]
`;

/** The bytes a configuration's component paths load: the Rust calc for every name. */
function configLoader(): (path: string) => Uint8Array {
  const [calc] = fileBytes('components/prebuilt/calc.wasm');
  return () => calc!;
}

/** Decoding, typing and the WIT of a binary, as `weld inspect --wit` does them. */
export const decodeTarget: FuzzTarget = {
  name: 'decode',
  seeds: binarySeeds,
  run: (input) =>
    outcomeOf(() => {
      // inspect decodes and types once; only a WitDecodeError may stand in for the world.
      const { wit } = inspectBinary(input);
      if (wit !== undefined && wit.kind !== 'error') printWit(wit.resolve, printOrder(wit.resolve, wit.package));
    }),
};

/** Whatever decodes encodes back to the same bytes. */
export const roundTripTarget: FuzzTarget = {
  name: 'round-trip',
  seeds: binarySeeds,
  run: (input) =>
    outcomeOf(() => {
      if (!isComponent(input)) return;
      const again = encodeComponent(decodeComponent(input));
      if (Buffer.compare(Buffer.from(again), Buffer.from(input)) !== 0) throw new Finding(`re-encoding gave ${again.length} bytes that differ from the ${input.length} decoded`);
    }),
};

/** Parsing, resolving and printing WIT text, and its JSON; then encoding it as wasm and checking that, as `weld wit build` does. */
export const witTarget: FuzzTarget = {
  name: 'wit',
  seeds: witSeeds,
  run: (input) =>
    outcomeOf(() => {
      const loaded = loadWitText('fuzz.wit', text.decode(input));
      printWit(loaded.resolve, loaded.packages);
      JSON.stringify(resolveToJson(loaded.resolve));
      componentTypes(decodeComponent(encodeWitPackage(loaded.resolve, loaded.packages[0]!)));
    }),
};

/** Where a diagnostic starts in its file, for the order check. */
function startOf(d: Diagnostic): number {
  return d.location?.kind === 'span' ? (d.location.start ?? -1) : -1;
}

/**
 * The recovering WIT parser the language server calls: it must never throw,
 * report at most 100 diagnostics in order, and agree with the throwing
 * path: a file that fails to parse fails `loadWitText` with the first
 * diagnostic, and one that loads has none.
 */
export const witRecoverTarget: FuzzTarget = {
  name: 'wit-recover',
  seeds: witSeeds,
  run: (input) => {
    const source = text.decode(input);
    let diagnostics: readonly Diagnostic[];
    try {
      diagnostics = parseWitRecovering(source, 'fuzz.wit').diagnostics;
    } catch (error) {
      throw new Finding(`parseWitRecovering threw: ${String(error)}`);
    }
    if (diagnostics.length > 100) throw new Finding(`${diagnostics.length} diagnostics, more than the cap`);
    for (let i = 1; i < diagnostics.length; i++) {
      if (startOf(diagnostics[i]!) < startOf(diagnostics[i - 1]!)) throw new Finding(`diagnostic ${i} starts before the one ahead of it`);
    }
    let thrown: Diagnostic | undefined;
    try {
      loadWitText('fuzz.wit', source);
    } catch (error) {
      if (!(error instanceof WitError)) throw error;
      thrown = error.toDiagnostic();
    }
    const first = diagnostics[0];
    if (first === undefined) return 'ok';
    if (JSON.stringify(first) !== JSON.stringify(thrown)) {
      throw new Finding(`first recovered diagnostic ${JSON.stringify(first)} is not the thrown ${JSON.stringify(thrown)}`);
    }
    return 'recovered';
  },
};

/**
 * Plugging a (mutated) socket with the demo's Rust calc, encoding and
 * checking the result. The seed is the demo's Go format component, which
 * imports what calc exports, so that unbroken cases compose for real.
 */
export const composeTarget: FuzzTarget = {
  name: 'compose',
  seeds: () => fileBytes('components/prebuilt/format.wasm'),
  run: (input) =>
    outcomeOf(() => {
      const [calc] = fileBytes('components/prebuilt/calc.wasm');
      const composition = plug({ name: 'socket.wasm', bytes: input }, [{ name: 'calc.wasm', bytes: calc! }]);
      encodeComposition(composition);
    }),
};

/** Reading a `weld.compose.yaml` and composing what it says. */
export const configTarget: FuzzTarget = {
  name: 'config',
  seeds: () => [utf8.encode(configSeed)],
  run: (input) =>
    outcomeOf(async () => {
      const config = await parseComposeConfig(text.decode(input), 'fuzz.compose.yaml');
      const composition = await composeFromConfig(config, configLoader());
      encodeComposition(composition);
    }),
};

/** The WAC corpus files, as seeds. */
function wacSeeds(): Uint8Array[] {
  const dir = join(root, 'packages/wac/tests/parse');
  return readdirSync(dir).filter((name) => name.endsWith('.wac')).sort().map((name) => new Uint8Array(readFileSync(join(dir, name))));
}

/** Parsing WAC text and printing it back: what parses must print to text that parses again. */
export const wacTarget: FuzzTarget = {
  name: 'wac',
  seeds: wacSeeds,
  run: (input) =>
    outcomeOf(() => {
      const printed = printWac(parseWac(input, 'fuzz.wac'));
      try {
        parseWac(printed, 'printed.wac');
      } catch (error) {
        throw new Finding(`printed WAC does not parse: ${String(error)}`);
      }
    }),
};

export const targets: readonly FuzzTarget[] = [decodeTarget, roundTripTarget, witTarget, witRecoverTarget, composeTarget, configTarget, wacTarget];
