/** What a language's builder gets besides its spec and toolchain. */
export interface StepContext {
  /** A fresh scratch folder for this build. */
  readonly work: string;
  /** The component's WIT as one source (see `bundleWit`). */
  readonly witSource: string;
  /** The environment tools run in. */
  readonly env: NodeJS.ProcessEnv;
  /** Announces the next step (`rustc`, `embed + new`), for progress. */
  readonly step: (name: string) => void;
}
