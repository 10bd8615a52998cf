/**
 * `@weld/build`: builds WebAssembly components from the sources a `weld.toml`
 * lists — Rust (rustc), Go (go build, wasip1), TypeScript and JavaScript
 * (esbuild, componentize-js) — with a content-hash cache in
 * `.weld/cache/build/`, components built in parallel, progress as events,
 * and a committed prebuilt build as the fallback for a missing toolchain.
 */
export {
  buildProject,
  Builder,
  prebuiltRecordPath,
  readPrebuiltRecord,
  type BuildEvent,
  type BuildOptions,
  type BuildReport,
  type BuiltResult,
  type CachedResult,
  type ComponentResult,
  type FailedResult,
  type PrebuiltRecord,
  type PrebuiltResult,
  type StepTiming,
} from './build.js';
export { didYouMean } from './suggest.js';
export { BuildError, type BuildErrorKind, type MissingToolchain } from './errors.js';
export { embedAndNew, importsPreview1 } from './embed.js';
export { buildKey, recipeVersions, sourceFiles, sourceKey } from './inputs.js';
export { bundleJs } from './languages/javascript.js';
export {
  findProjectFile,
  jsFeatures,
  loadProject,
  parseProject,
  projectFileName,
  rustTargets,
  weldTomlSchema,
  type ComponentSpec,
  type GoComponent,
  type JsComponent,
  type JsFeature,
  type Language,
  type Project,
  type RustComponent,
  type RustTarget,
} from './project.js';
export { goInstall, jsInstall, preview1AdapterPath, rustInstall } from './toolchains.js';
export { bundleWit, jcoDir } from './wit-source.js';
export { decodeWitWasm } from './wit-wasm.js';
