/**
 * Where an image is read from, the same way for a registry and a layout
 * (`layoutSource` of `@weld/oci/node`):
 * its root manifest, any manifest by descriptor (verified), and blobs as
 * streams (verified by whoever consumes them).
 */
import { readVerified, type ByteSource } from './digest.js';
import { OciError } from './errors.js';
import { isIndexType } from './media-types.js';
import type { Descriptor } from './model.js';
import { formatReference, manifestReference, type Reference } from './reference.js';
import type { FetchedManifest, RegistryClient } from './registry-client.js';

/** A readable image. */
export interface ImageSource {
  /** The reference or path, for messages. */
  readonly name: string;
  /** The root manifest or index. */
  readonly root: () => Promise<FetchedManifest>;
  /** A manifest's bytes, verified against `desc`. */
  readonly manifest: (desc: Descriptor) => Promise<Uint8Array>;
  /** A blob's bytes as they arrive, not yet verified. */
  readonly blob: (desc: Descriptor) => Promise<ByteSource>;
}

/** The image `ref` names in the registry `client` talks to. */
export function registrySource(client: RegistryClient, ref: Reference): ImageSource {
  const name = formatReference(ref);
  return {
    name,
    root: () => client.getManifest(ref.repository, manifestReference(ref)),
    manifest: async (desc) => {
      const fetched = await client.getManifest(ref.repository, desc.digest, [desc.mediaType]);
      if (fetched.bytes.length !== desc.size) throw new OciError('digest', `${name}: manifest ${desc.digest} has ${fetched.bytes.length} bytes, its descriptor says ${desc.size}`);
      return fetched.bytes;
    },
    blob: (desc) => client.openBlob(ref.repository, desc),
  };
}

/** Reads a whole blob from `source`, verified. */
export async function readBlob(source: ImageSource, desc: Descriptor, onBytes?: (n: number) => void): Promise<Uint8Array> {
  if (isIndexType(desc.mediaType)) return source.manifest(desc);
  return readVerified(await source.blob(desc), desc, `${source.name}: blob ${desc.digest}`, onBytes);
}
