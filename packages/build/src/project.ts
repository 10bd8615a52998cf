/**
 * The project file, `weld.toml`: which components a project has, in which
 * language, from which sources, for which WIT world. {@link weldTomlSchema}
 * is its JSON Schema (written out as schemas/weld.toml.schema.json); a file is
 * parsed with smol-toml, checked against the schema, then turned into
 * {@link Project}: absolute paths, defaults filled in, one `kind`-tagged
 * spec per language.
 *
 * ```toml
 * [build]
 * out-dir = "out/components"     # default
 *
 * [[component]]
 * name = "calc"
 * language = "rust"              # rust | go | typescript | javascript
 * source = "components/calc-rust"
 * wit = "wit"                    # a .wit file or a folder (default "wit")
 * world = "calculator"
 * prebuilt = "components/prebuilt/calc.wasm"   # used when rustc is missing
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean } from './suggest.js';
import { unreachable } from '@weld/wit';
import { BuildError } from './errors.js';

/** The project file's name. */
export const projectFileName = 'weld.toml';

/** Rust targets weld builds for. */
export const rustTargets = ['wasm32-wasi', 'wasm32-unknown-unknown'] as const;
/** A Rust target: `wasm32-wasi` (std with WASI, adapted to preview 2) or `wasm32-unknown-unknown` (no imports). */
export type RustTarget = (typeof rustTargets)[number];

/** What componentize-js can leave out of its engine. */
export const jsFeatures = ['stdio', 'random', 'clocks', 'http', 'fetch-event'] as const;
/** One of {@link jsFeatures}. */
export type JsFeature = (typeof jsFeatures)[number];

/** The JSON Schema (draft-07) of `weld.toml`; schemas/weld.toml.schema.json is this, written out. */
export const weldTomlSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'weld.toml',
  description:
    'A weld project: the components `weld build` builds. Paths are relative to the folder of weld.toml.',
  type: 'object',
  additionalProperties: false,
  required: ['component'],
  properties: {
    build: {
      description: 'Settings for the whole build.',
      type: 'object',
      additionalProperties: false,
      properties: {
        'out-dir': {
          description: 'Where built components are written, as NAME.wasm. Default: out/components.',
          type: 'string',
          minLength: 1,
        },
      },
    },
    component: {
      description: 'The components, each built on its own (in parallel, bounded by the number of cores).',
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'language', 'source', 'world'],
        properties: {
          name: {
            description: 'The component\'s name: its output is OUT-DIR/NAME.wasm.',
            type: 'string',
            pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
          },
          language: {
            description: 'How it is built: rust (rustc), go (go build, GOOS=wasip1), typescript or javascript (esbuild, componentize-js).',
            enum: ['rust', 'go', 'typescript', 'javascript'],
          },
          source: { description: 'The folder of its sources; every file in it counts for the cache.', type: 'string', minLength: 1 },
          wit: {
            description: 'A .wit file or a folder of them (with WASI packages in deps/NAME/). Default: wit.',
            type: 'string',
            minLength: 1,
          },
          world: { description: 'The world the component implements.', type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
          prebuilt: {
            description:
              'A committed build of this component (written by `weld build --update-prebuilt`), used with a notice when its toolchain is missing.',
            type: 'string',
            minLength: 1,
          },
          entry: {
            description: 'rust: the crate root (default src/lib.rs); typescript/javascript: the module to bundle (default index.ts or index.js). Relative to source.',
            type: 'string',
            minLength: 1,
          },
          target: {
            description: 'rust only: wasm32-wasi (default; std with WASI, adapted to WASI 0.2 with jco\'s preview1 adapter) or wasm32-unknown-unknown (imports nothing).',
            enum: [...rustTargets],
          },
          'opt-level': {
            description: 'rust only: rustc -C opt-level (default s).',
            enum: ['0', '1', '2', '3', 's', 'z'],
          },
          'disable-features': {
            description: 'typescript/javascript only: what componentize-js leaves out of its engine.',
            type: 'array',
            uniqueItems: true,
            items: { enum: [...jsFeatures] },
          },
        },
        allOf: [
          {
            if: { properties: { language: { const: 'go' } } },
            then: { properties: { entry: false, target: false, 'opt-level': false, 'disable-features': false } },
          },
          {
            if: { properties: { language: { const: 'rust' } } },
            then: { properties: { 'disable-features': false } },
          },
          {
            if: { properties: { language: { enum: ['typescript', 'javascript'] } } },
            then: { properties: { target: false, 'opt-level': false } },
          },
        ],
      },
    },
  },
} as const;

/** What every component spec has. Paths are absolute. */
interface ComponentBase {
  /** Its name (kebab case): the output is `OUT-DIR/NAME.wasm`. */
  readonly name: string;
  /** The folder of its sources. */
  readonly source: string;
  /** A .wit file or a folder of them. */
  readonly wit: string;
  /** The world it implements. */
  readonly world: string;
  /** A committed build, used when the toolchain is missing. */
  readonly prebuilt?: string;
}

/** A Rust crate, compiled by rustc for wasm32, then embedded and made a component. */
export interface RustComponent extends ComponentBase {
  readonly language: 'rust';
  /** The crate root, absolute. */
  readonly entry: string;
  readonly target: RustTarget;
  readonly optLevel: string;
}

/** A Go main package for `GOOS=wasip1` with `//go:wasmexport`, then embedded and adapted. */
export interface GoComponent extends ComponentBase {
  readonly language: 'go';
}

/** A TypeScript or JavaScript module, bundled by esbuild and componentized by componentize-js. */
export interface JsComponent extends ComponentBase {
  readonly language: 'typescript' | 'javascript';
  /** The module to bundle, absolute. */
  readonly entry: string;
  readonly disableFeatures: readonly JsFeature[];
}

/** One component of a project, by language. */
export type ComponentSpec = RustComponent | GoComponent | JsComponent;

/** A language weld builds. */
export type Language = ComponentSpec['language'];

/** A project file, read. */
export interface Project {
  /** The project file. */
  readonly file: string;
  /** Its folder: paths in it are relative to this, and `.weld/` lives here. */
  readonly root: string;
  /** Where components are written. */
  readonly outDir: string;
  readonly components: readonly ComponentSpec[];
}

/** `weld.toml` as the schema describes it. */
interface RawComponent {
  name: string;
  language: Language;
  source: string;
  wit?: string;
  world: string;
  prebuilt?: string;
  entry?: string;
  target?: RustTarget;
  'opt-level'?: string;
  'disable-features'?: JsFeature[];
}
interface RawProject {
  build?: { 'out-dir'?: string };
  component: RawComponent[];
}

/**
 * Finds `weld.toml` in `dir` or the nearest folder above it, like npm finds
 * package.json. Undefined when there is none.
 */
export function findProjectFile(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const file = join(at, projectFileName);
    if (existsSync(file)) return file;
    if (dirname(at) === at) return undefined;
  }
}

/** Reads and checks a project file. */
export async function loadProject(file: string): Promise<Project> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BuildError('project', `${file}: ${code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
  return parseProject(text, file);
}

let validator: ValidateFunction | undefined;

/** Parses the text of a project file that lives at `file` (paths resolve against its folder). */
export async function parseProject(text: string, file: string): Promise<Project> {
  const { parse, TomlError } = await import('smol-toml');
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const [headline = error.message, ...frame] = error.message.replace(/^Invalid TOML document: /, '').split('\n');
      throw new BuildError('project', `${file}:${error.line}:${error.column}: ${headline}`, frame.filter((l) => l !== ''));
    }
    throw error;
  }
  if (validator === undefined) {
    const { Ajv } = await import('ajv');
    validator = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false }).compile(weldTomlSchema);
  }
  if (!validator(data)) {
    // A misspelt key explains the key it was meant to be: report the typo, not also the absence.
    const all = (validator.errors ?? []).filter((e) => e.keyword !== 'if');
    const misspelt = new Set(all.filter((e) => e.keyword === 'additionalProperties').map((e) => e.instancePath));
    const errors = all.filter((e) => e.keyword !== 'required' || !misspelt.has(e.instancePath));
    throw new BuildError(
      'project',
      `${file}: does not follow the schema (schemas/weld.toml.schema.json)`,
      dedupe(errors.map((e) => schemaMessage(data, e))),
    );
  }
  const raw = data as unknown as RawProject;
  const root = dirname(resolve(file));
  const at = (path: string) => resolve(root, path);
  const names = new Set<string>();
  const components = raw.component.map((c, index): ComponentSpec => {
    if (names.has(c.name)) {
      throw new BuildError('project', `${file}: component ${index + 1}: the name \`${c.name}\` is taken by an earlier component`);
    }
    names.add(c.name);
    const base = {
      name: c.name,
      source: at(c.source),
      wit: at(c.wit ?? 'wit'),
      world: c.world,
      ...(c.prebuilt !== undefined && { prebuilt: at(c.prebuilt) }),
    };
    switch (c.language) {
      case 'rust':
        return {
          ...base,
          language: 'rust',
          entry: resolve(base.source, c.entry ?? 'src/lib.rs'),
          target: c.target ?? 'wasm32-wasi',
          optLevel: c['opt-level'] ?? 's',
        };
      case 'go':
        return { ...base, language: 'go' };
      case 'typescript':
      case 'javascript':
        return {
          ...base,
          language: c.language,
          entry: resolve(base.source, c.entry ?? (c.language === 'typescript' ? 'index.ts' : 'index.js')),
          disableFeatures: c['disable-features'] ?? [],
        };
      default:
        return unreachable(c.language);
    }
  });
  return { file: resolve(file), root, outDir: at(raw.build?.['out-dir'] ?? 'out/components'), components };
}

function dedupe(lines: readonly string[]): string[] {
  return [...new Set(lines)];
}

/** One schema violation as a line: where (`component 2 (format): target`) and what. */
function schemaMessage(data: unknown, error: ErrorObject): string {
  const parts = error.instancePath.split('/').slice(1);
  let where = parts.length === 0 ? 'the file' : parts.join('.');
  if (parts[0] === 'component' && parts[1] !== undefined) {
    const index = Number(parts[1]);
    const name = (data as RawProject).component?.[index]?.name;
    const label = `component ${index + 1}${typeof name === 'string' ? ` (${name})` : ''}`;
    where = [label, ...parts.slice(2)].join(': ');
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params['additionalProperty']);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const near = didYouMean(key, known);
      const hint = near !== undefined ? ` (did you mean \`${near}\`?)` : known.length > 0 ? ` (expected one of ${known.map((k) => `\`${k}\``).join(', ')})` : '';
      return `${where}: unknown key \`${key}\`${hint}`;
    }
    case 'type':
      // `[component]` is one table; the schema wants an array of them.
      if (error.instancePath === '/component' && error.params['type'] === 'array') return 'write [[component]] (one table per component), not [component]';
      return `${where}: ${error.message ?? error.keyword}`;
    case 'required':
      return `${where}: missing \`${String(error.params['missingProperty'])}\``;
    case 'enum':
      return `${where}: expected one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'false schema':
      return `${where}: not allowed for this language`;
    default:
      return `${where}: ${error.message ?? error.keyword}`;
  }
}
