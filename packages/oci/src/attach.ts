/**
 * Artifacts that refer to another (image-spec 1.1 `subject`): plain files
 * packaged the way `oras attach` does (an `artifactType`, the empty config,
 * one layer per file), and a `subject` added to an artifact weld built. A
 * registry lists them with the referrers API (or, without it, under the
 * referrers tag schema, which `pushImage` maintains).
 */
import { BlobSet, jsonBytes, type StreamedBlob } from './blobs.js';
import { OciError } from './errors.js';
import { parseManifest } from './manifest.js';
import { annotation, emptyJson, imageManifest } from './media-types.js';
import type { Descriptor, ImageManifest, OciImage } from './model.js';
import { rfc3339 } from './package-options.js';

/** One file of a plain artifact. */
export interface ArtifactFile {
  /** The name recorded as the layer's `org.opencontainers.image.title`. */
  readonly name: string;
  readonly mediaType: string;
  /** Its bytes, or the file streamed (`fileBlob` of `@weld/oci/node`). */
  readonly bytes: Uint8Array | StreamedBlob;
}

/** Options of {@link fileArtifact}. */
export interface FileArtifactOptions {
  /** The manifest's `artifactType` (e.g. `application/vnd.example.signature`). */
  readonly artifactType: string;
  /** The manifest the artifact refers to. */
  readonly subject?: Descriptor;
  readonly annotations?: Readonly<Record<string, string>>;
  /** `org.opencontainers.image.created` (default: now). */
  readonly created?: Date;
}

/** The layer type `oras attach` gives a file named without one. */
export const defaultFileLayer = 'application/vnd.oci.image.layer.v1.tar';

/** Packages `files` as an artifact of `artifactType`: the empty config `{}` and one layer per file. */
export function fileArtifact(files: readonly ArtifactFile[], options: FileArtifactOptions): OciImage {
  if (files.length === 0) throw new OciError('format', 'an artifact needs at least one file');
  const blobs = new BlobSet();
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: imageManifest,
    artifactType: options.artifactType,
    config: blobs.add(emptyJson, jsonBytes({})),
    layers: files.map((f) => blobs.add(f.mediaType, f.bytes, { annotations: { [annotation.title]: f.name } })),
    ...(options.subject !== undefined && { subject: subjectDescriptor(options.subject) }),
    annotations: { [annotation.created]: rfc3339(options.created ?? new Date()), ...options.annotations },
  };
  return blobs.image(blobs.addJson(imageManifest, manifest));
}

/**
 * The same artifact with `subject` (and `artifactType`, when given) in its
 * root manifest or index: a new root digest, the same blobs.
 */
export function withSubject(image: OciImage, subject: Descriptor, artifactType?: string): OciImage {
  const bytes = image.blobs.get(image.root.digest);
  if (bytes === undefined) throw new OciError('format', `the artifact lacks its root ${image.root.digest}`);
  parseManifest(bytes, image.root.mediaType, image.root.digest); // throws unless it is a manifest or an index
  const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  // Keys in the order the spec lists them: artifactType before config or manifests, subject before annotations.
  const { annotations, ...rest } = json;
  const updated = {
    ...rest,
    ...(artifactType !== undefined && { artifactType }),
    subject: subjectDescriptor(subject),
    ...(annotations !== undefined && { annotations }),
  };
  const blobs = new BlobSet();
  const root = blobs.addJson(image.root.mediaType, updated);
  const all = new Map(image.blobs);
  all.delete(image.root.digest);
  for (const [digest, blob] of blobs.image(root).blobs) all.set(digest, blob);
  return { root, blobs: all, ...(image.streamed !== undefined && { streamed: image.streamed }) };
}

/** A subject is named by its type, digest and size only. */
const subjectDescriptor = (d: Descriptor): Descriptor => ({ mediaType: d.mediaType, digest: d.digest, size: d.size });
