/**
 * Referrers: `weld push --subject` attaches an artifact (a signature file,
 * or another component) to a pushed manifest, and `weld inspect REF
 * --referrers` lists what refers to it. Against Distribution 2.8 and
 * go-containerregistry's registry; neither has the referrers API (404, and
 * ggcr's METHOD_UNKNOWN), so both exercise the tag schema fallback on push
 * and on listing. `oras discover` sees what weld attached.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, fallbackTag, RegistryClient, type Digest } from '@weld/oci';
import { root } from './support.js';
import { json, ok, tool, weldRunner } from './support/oci-cli.js';
import { findTool, startDistribution, startGgcr, type TestRegistry } from './support/registry.js';

const fixtures = join(root, 'test', 'fixtures', 'out');
const small = join(fixtures, 'rust-calc.wasm');
const other = join(fixtures, 'demo-calc.wasm');
const scratch = mkdtempSync(join(tmpdir(), 'weld-oci-referrers-'));
const weld = weldRunner(scratch);
const registries: { name: string; reg: TestRegistry | undefined }[] = [
  { name: 'distribution', reg: undefined },
  { name: 'ggcr', reg: undefined },
];
beforeAll(async () => {
  registries[0]!.reg = await startDistribution();
  registries[1]!.reg = await startGgcr();
});
afterAll(async () => {
  for (const { reg } of registries) await reg?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

const signature = join(scratch, 'calc.sig');
writeFileSync(signature, 'not really a signature\n');
const sigType = 'application/vnd.example.signature.v1';

describe.each(registries)('referrers on $name', (entry) => {
  it('attaches a signature and a component to a pushed manifest and lists them', async (context) => {
    const reg = entry.reg;
    if (reg === undefined) return context.skip();
    const repo = `${reg.host}/attach/calc`;
    const subject = json(await weld(['push', small, `${repo}:1.0.0`, '--json']));
    const digest = subject['digest'] as Digest;
    // A file as an artifact (oras attach's shape), untagged, referring to the tag's manifest.
    const sig = json(await weld(['push', `${signature}:application/vnd.example.sig+text`, repo, '--subject', '1.0.0', '--artifact-type', sigType, '--annotation', 'signer=weld-test', '--json']));
    expect(String(sig['reference'])).toMatch(new RegExp(`^${repo}@sha256:`));
    // A component, attached by digest, referring to the same manifest.
    const attached = await weld(['push', other, repo, '--subject', digest]);
    expect(ok(attached)).toContain(`subject: ${digest}`);
    const component = attached.stdout.match(/@(sha256:[0-9a-f]{64})/)![1];

    const listed = json(await weld(['inspect', `${repo}:1.0.0`, '--referrers', '--json']));
    expect(listed['digest']).toBe(digest);
    const referrers = listed['referrers'] as { digest: string; artifactType?: string; annotations?: Record<string, string> }[];
    expect(referrers.map((r) => r.digest).sort()).toEqual([sig['digest'], component].sort());
    expect(referrers.find((r) => r.digest === sig['digest'])).toMatchObject({ artifactType: sigType, annotations: { signer: 'weld-test' } });
    expect(referrers.find((r) => r.digest === component)?.artifactType).toBe('application/vnd.wasm.config.v0+json');
    const text = ok(await weld(['inspect', `${repo}@${digest}`, '--referrers', '--artifact-type', sigType]));
    expect(text).toBe(`${repo}@${digest}\n└── ${sigType}  ${String(sig['digest'])}  ${String(sig['size'])} B\n    annotations\n      org.opencontainers.image.created  2026-01-01T00:00:00Z\n      signer                            weld-test\n`);

    // No OCI-Subject header came back, so weld kept the referrers tag (an index of both).
    const client = new RegistryClient({ registry: reg.host, credentials: anonymous });
    expect((await client.listTags('attach/calc')).sort()).toEqual(['1.0.0', fallbackTag(digest)]);
    // The artifact and the component pulled back through their digests.
    ok(await weld(['pull', `${repo}@${component}`, '-o', join(scratch, `${entry.name}-attached.wasm`)]));

    if (findTool('oras') === undefined) return;
    const discovered = tool('oras', ['discover', '--plain-http', '--format', 'json', `${repo}:1.0.0`]);
    expect(discovered.status, discovered.stderr).toBe(0);
    const found = JSON.parse(discovered.stdout) as { referrers?: { digest: string; artifactType: string }[]; manifests?: { digest: string; artifactType: string }[] };
    const seen = (found.referrers ?? found.manifests ?? []).map((r) => `${r.artifactType} ${r.digest}`).sort();
    expect(seen).toEqual([`${sigType} ${String(sig['digest'])}`, `application/vnd.wasm.config.v0+json ${component}`].sort());
  });

  it('refuses a subject in another repository', async (context) => {
    const reg = entry.reg;
    if (reg === undefined) return context.skip();
    const run = await weld(['push', signature, `${reg.host}/attach/calc`, '--subject', `${reg.host}/elsewhere/calc:1`, '--artifact-type', sigType]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--subject .*: must be in .*attach\/calc, where the artifact goes/);
  });
});
