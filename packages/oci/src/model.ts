/**
 * The OCI data types (image-spec 1.1): descriptors, manifests, indexes and
 * the two configs weld writes. Field names are the JSON names.
 */

/** A `sha256:<64 hex>` content address. */
export type Digest = `sha256:${string}`;

/** A platform an image runs on. */
export interface Platform {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
  readonly 'os.version'?: string;
}

/** A pointer to content: its type, digest and size. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: Digest;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly platform?: Platform;
  readonly artifactType?: string;
  readonly urls?: readonly string[];
}

/** An image manifest: one config and its layers. */
export interface ImageManifest {
  readonly schemaVersion: 2;
  readonly mediaType: string;
  readonly artifactType?: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly subject?: Descriptor;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** An image index: manifests, usually one per platform. */
export interface ImageIndex {
  readonly schemaVersion: 2;
  readonly mediaType: string;
  readonly artifactType?: string;
  readonly manifests: readonly Descriptor[];
  readonly subject?: Descriptor;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A parsed manifest of either kind, tagged. */
export type Manifest =
  | { readonly kind: 'image'; readonly manifest: ImageManifest }
  | { readonly kind: 'index'; readonly index: ImageIndex };

/** What the CNCF Wasm config says about the component's world. */
export interface WasmComponentSummary {
  /** Exported interfaces (`ns:pkg/iface@version`) and functions, as WIT names them. */
  readonly exports: readonly string[];
  readonly imports: readonly string[];
  /** The world the component targets, when the binary names one. */
  readonly target?: string;
}

/** The config blob of the CNCF Wasm OCI artifact (`application/vnd.wasm.config.v0+json`). */
export interface WasmConfig {
  readonly created: string;
  readonly author?: string;
  readonly architecture: 'wasm';
  /** `wasip2` for a component, `wasip1` for a core module. */
  readonly os: 'wasip2' | 'wasip1';
  readonly layerDigests: readonly Digest[];
  /** Present for components only. */
  readonly component?: WasmComponentSummary;
}

/** The config blob of a container image (`application/vnd.oci.image.config.v1+json`), the parts weld writes. */
export interface ImageConfig {
  readonly created: string;
  readonly author?: string;
  readonly architecture: string;
  readonly os: string;
  readonly config: {
    readonly Entrypoint?: readonly string[];
    readonly Cmd?: readonly string[];
    readonly Env?: readonly string[];
    readonly WorkingDir?: string;
    readonly Labels?: Readonly<Record<string, string>>;
  };
  readonly rootfs: { readonly type: 'layers'; readonly diff_ids: readonly Digest[] };
  readonly history?: readonly { readonly created: string; readonly created_by: string; readonly comment?: string }[];
}

/**
 * A blob read from elsewhere as it is needed (a file on disk, with
 * `fileBlob` of `@weld/oci/node`), so that it is never whole in memory: its
 * size, and its bytes from `start` to `end` (exclusive) as a stream of
 * slices, opened anew for every try and every chunk of an upload.
 */
export interface BlobSource {
  readonly size: number;
  readonly open: (start: number, end: number) => AsyncIterable<Uint8Array>;
}

/**
 * An artifact: the root (a manifest or an index) and every blob it reaches
 * (manifests included), by digest, in memory; big blobs may be `streamed`
 * from a source instead. What `weld package` builds, what a layout holds
 * and what `push` sends.
 */
export interface OciImage {
  readonly root: Descriptor;
  readonly blobs: ReadonlyMap<Digest, Uint8Array>;
  /** Blobs not held in memory, by digest (never a manifest). */
  readonly streamed?: ReadonlyMap<Digest, BlobSource>;
}
