/**
 * The shapes shared by the ways a component is found (artifact.ts for FILE
 * and the dispatch, oci-source.ts for LAYOUT and REF): kept apart so that
 * neither module imports the other for its types.
 */
import type { WorldNames } from './world.js';

/** A component's bytes and their sha256 (lowercase hex), verified. */
export interface ComponentBytes {
  readonly bytes: Uint8Array;
  readonly digest: string;
}

/**
 * A component found but not necessarily read yet: for an OCI image, what its
 * manifest and config say, so that it can be checked (and found in the
 * transpile cache) before its layer is downloaded.
 */
export interface Artifact {
  /** How to name it in messages: the path or reference. */
  readonly source: string;
  /** The component's sha256, lowercase hex, when known before reading it (an OCI layer's digest). */
  readonly digest?: string;
  /** Imports and exports from the artifact's own config, when it has them. */
  readonly world?: WorldNames;
  /** Reads the component, verified against its digest (pulling it if need be). */
  load(): Promise<ComponentBytes>;
}
