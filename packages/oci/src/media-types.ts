/** The media types weld writes and reads. */

/** An OCI image manifest. */
export const imageManifest = 'application/vnd.oci.image.manifest.v1+json';
/** An OCI image index (a list of manifests, one per platform). */
export const imageIndex = 'application/vnd.oci.image.index.v1+json';
/** Docker's schema 2 manifest, read when a registry serves one. */
export const dockerManifest = 'application/vnd.docker.distribution.manifest.v2+json';
/** Docker's manifest list, read when a registry serves one. */
export const dockerManifestList = 'application/vnd.docker.distribution.manifest.list.v2+json';

/** The config of the CNCF Wasm OCI artifact (TAG Runtime's wasm-oci spec). */
export const wasmConfig = 'application/vnd.wasm.config.v0+json';
/** The single layer of the CNCF Wasm OCI artifact: the binary itself. */
export const wasmLayer = 'application/wasm';

/** An OCI image config (a container image). */
export const imageConfig = 'application/vnd.oci.image.config.v1+json';
/** An uncompressed tar layer. */
export const tarLayer = 'application/vnd.oci.image.layer.v1.tar';
/** A gzip tar layer. */
export const tarGzipLayer = 'application/vnd.oci.image.layer.v1.tar+gzip';
/** The layer runwasi loads as a component without unpacking a rootfs. */
export const componentLayer = 'application/vnd.bytecodealliance.wasm.component.layer.v0+wasm';
/** The layer runwasi loads as a core module. */
export const moduleLayer = 'application/vnd.w3c.wasm.module.v1+wasm';
/** The empty config of artifacts that carry no config (`{}`). */
export const emptyJson = 'application/vnd.oci.empty.v1+json';

/** Layer media types whose content is a wasm binary, best first. */
export const wasmBinaryLayers: readonly string[] = [wasmLayer, componentLayer, moduleLayer, 'application/vnd.wasm.content.layer.v1+wasm'];

/** What a client sends in `Accept` when it fetches a manifest of any kind. */
export const manifestAccept: readonly string[] = [imageManifest, imageIndex, dockerManifest, dockerManifestList];

/** Whether `mediaType` is an index (OCI or Docker). */
export const isIndexType = (mediaType: string | undefined): boolean => mediaType === imageIndex || mediaType === dockerManifestList;

/** Whether `mediaType` is a manifest of either kind (index or image). */
export const isManifestType = (mediaType: string | undefined): boolean =>
  mediaType !== undefined && (manifestAccept as readonly string[]).includes(mediaType);

/** The `org.opencontainers.image.*` annotation keys weld fills. */
export const annotation = {
  title: 'org.opencontainers.image.title',
  version: 'org.opencontainers.image.version',
  source: 'org.opencontainers.image.source',
  revision: 'org.opencontainers.image.revision',
  created: 'org.opencontainers.image.created',
  description: 'org.opencontainers.image.description',
  licenses: 'org.opencontainers.image.licenses',
  authors: 'org.opencontainers.image.authors',
  url: 'org.opencontainers.image.url',
  refName: 'org.opencontainers.image.ref.name',
} as const;
