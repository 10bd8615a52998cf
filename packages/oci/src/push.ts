/**
 * Pushing an image: blobs first (each checked with HEAD, so nothing is
 * uploaded twice, and mounted from another repository when asked), then the
 * manifests from the leaves up, each by digest, and the tag last: a tag only
 * ever points at an artifact whose every blob is in the registry.
 */
import { imageBlob } from './blob-source.js';
import { OciError } from './errors.js';
import { childrenOf, parseManifest } from './manifest.js';
import { isManifestType } from './media-types.js';
import type { Descriptor, Digest, OciImage } from './model.js';
import type { OnTransfer } from './progress.js';
import { formatReference, type Reference } from './reference.js';
import type { RegistryClient } from './registry-client.js';

/** Options of {@link pushImage}. */
export interface PushOptions {
  /** Another repository of the same registry to mount blobs from. */
  readonly mountFrom?: string;
  readonly onTransfer?: OnTransfer;
  /** How many blobs move at once (default 3). */
  readonly concurrency?: number;
}

/** What a push did. */
export interface PushResult {
  /** The digest of the root manifest, which `ref` now names. */
  readonly digest: Digest;
  readonly reference: string;
  readonly mediaType: string;
  readonly size: number;
  /** Blobs by outcome. */
  readonly uploaded: number;
  readonly skipped: number;
  readonly mounted: number;
  /** Bytes sent for blobs. */
  readonly bytesUploaded: number;
}

/** Pushes `image` to `ref` (its tag, or its digest when it has no tag). */
export async function pushImage(client: RegistryClient, ref: Reference, image: OciImage, options: PushOptions = {}): Promise<PushResult> {
  if (ref.digest !== undefined && ref.digest !== image.root.digest && ref.tag === undefined) {
    throw new OciError('digest', `${formatReference(ref)}: the artifact's digest is ${image.root.digest}`);
  }
  const counts = { uploaded: 0, skipped: 0, mounted: 0, bytesUploaded: 0 };
  const done = new Set<Digest>();
  const manifestBytes = (desc: Descriptor): Uint8Array => {
    const bytes = image.blobs.get(desc.digest);
    if (bytes === undefined) throw new OciError('format', `the artifact lacks manifest ${desc.digest}`);
    return bytes;
  };

  const pushBlob = async (desc: Descriptor): Promise<void> => {
    if (done.has(desc.digest)) return;
    done.add(desc.digest);
    const blob = imageBlob(image, desc.digest);
    options.onTransfer?.({ kind: 'start', digest: desc.digest, size: desc.size, mediaType: desc.mediaType });
    let sent = 0;
    const outcome = await client.pushBlob(ref.repository, desc, blob, {
      ...(options.mountFrom !== undefined && { mountFrom: options.mountFrom }),
      onBytes: (n) => {
        sent += n;
        options.onTransfer?.({ kind: 'bytes', digest: desc.digest, bytes: n });
      },
      onRestart: () => {
        sent = 0;
        options.onTransfer?.({ kind: 'restart', digest: desc.digest });
      },
    });
    if (outcome === 'uploaded') {
      counts.uploaded++;
      counts.bytesUploaded += sent;
    } else if (outcome === 'exists') counts.skipped++;
    else counts.mounted++;
    options.onTransfer?.({ kind: 'done', digest: desc.digest, outcome });
  };

  /** Pushes everything under the manifest `desc`, then the manifest itself under `tag` (else its digest). */
  const pushManifest = async (desc: Descriptor, tag: string | undefined): Promise<void> => {
    const bytes = manifestBytes(desc);
    const manifest = parseManifest(bytes, desc.mediaType, `${formatReference(ref)}: ${desc.digest}`);
    const children = childrenOf(manifest);
    const manifests = children.filter((c) => isManifestType(c.mediaType));
    const blobs = children.filter((c) => !isManifestType(c.mediaType));
    await inBatches(blobs, options.concurrency ?? 3, pushBlob);
    for (const child of manifests) await pushManifest(child, undefined);
    const { subjectAccepted } = await client.putManifest(ref.repository, tag ?? desc.digest, bytes, desc.mediaType);
    const subject = manifest.kind === 'image' ? manifest.manifest.subject : manifest.index.subject;
    if (subject !== undefined && !subjectAccepted) {
      const artifactType = manifest.kind === 'image' ? (manifest.manifest.artifactType ?? manifest.manifest.config.mediaType) : manifest.index.artifactType;
      const annotations = manifest.kind === 'image' ? manifest.manifest.annotations : manifest.index.annotations;
      await client.addFallbackReferrer(ref.repository, subject.digest, {
        mediaType: desc.mediaType,
        digest: desc.digest,
        size: desc.size,
        ...(artifactType !== undefined && { artifactType }),
        ...(annotations !== undefined && { annotations }),
      });
    }
  };

  await pushManifest(image.root, ref.tag);
  return { digest: image.root.digest, reference: formatReference({ ...ref, digest: image.root.digest }), mediaType: image.root.mediaType, size: image.root.size, ...counts };
}

async function inBatches<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
