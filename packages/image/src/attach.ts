import { type Reporter, discardBody, readBodyLimited } from "@gantry/core";
import { type Blob, type Descriptor, type ImageIndex, MediaType } from "./oci.js";
import { pool } from "./push.js";
import { type Referrer, addReferrers, parseReferrersIndex, referrerDescriptor, referrersTag } from "./referrers.js";
import type { RegistryClient } from "./registry.js";

/** How the referrers reached the registry, for the summary and the metadata output. */
export interface AttachResult {
  /** `referrers-api`: the registry lists them itself; `tag-schema`: gantry keeps `sha256-<digest>` tags. */
  scheme: "referrers-api" | "tag-schema";
  /** The artifact manifests pushed. */
  artifacts: number;
  /** The referrers tags written (tag schema); a re-run that adds nothing writes none. */
  tags: string[];
}

/** The referrer list the registry's referrers API gives for a subject, or undefined when it has no such API (404, not an index). */
async function listReferrers(client: RegistryClient, subject: string): Promise<ImageIndex | undefined> {
  const res = await client.request("GET", `/v2/${client.repository}/referrers/${subject}`, { headers: { Accept: MediaType.index } });
  const type = (res.headers.get("content-type") ?? "").split(";")[0]?.trim();
  if (res.status !== 200 || type !== MediaType.index) {
    await discardBody(res);
    return undefined;
  }
  const bytes = await readBodyLimited(res, 4 * 1024 * 1024, `the referrers of ${subject} in ${client.registry}/${client.repository}`);
  try {
    return parseReferrersIndex(bytes, type, "the referrers API's answer");
  } catch {
    return undefined;
  }
}

/**
 * True when the registry keeps the referrer list itself: it answered the manifest PUT with
 * `OCI-Subject` (distribution-spec "Pushing Manifests with Subject"), or its referrers API lists
 * the artifact just pushed. Debian's registry (distribution 2.8) does neither.
 */
async function registryListsReferrers(client: RegistryClient, pushed: Referrer, ociSubject: string | undefined, reporter: Reporter): Promise<boolean> {
  if (ociSubject === pushed.subject.digest) return true;
  // A registry that refuses the unknown route (403 on some proxies) has no usable API: the tag schema's own requests say what is wrong, if anything.
  const listed = await listReferrers(client, pushed.subject.digest).catch((err: Error) => {
    reporter.debug(`referrers API of ${client.registry}: ${err.message}; using the tag schema`);
    return undefined;
  });
  return Boolean(listed?.manifests.some((m) => m.digest === pushed.manifest.descriptor.digest));
}

/**
 * The referrers tag schema (distribution-spec "Referrers Tag Schema"), as oras and cosign do:
 * fetch the index the subject's `sha256-<hex>` tag holds (none: start empty), add the
 * descriptors it lacks, push it back. Returns the tag, or undefined when nothing was missing.
 */
async function updateReferrersTag(client: RegistryClient, subject: string, descriptors: readonly Descriptor[]): Promise<string | undefined> {
  const tag = referrersTag(subject);
  const found = await client.findManifest(tag);
  const existing = found ? parseReferrersIndex(found.bytes, found.mediaType, `${client.registry}/${client.repository}:${tag}`) : undefined;
  const { index, added } = addReferrers(existing, descriptors);
  if (added === 0) return undefined;
  await client.putManifest(tag, index);
  return tag;
}

/**
 * Pushes each referrer after the image (its subject must exist first): the blobs, the artifact
 * manifest by digest; then, unless the registry keeps the referrer list itself, the tag schema.
 */
export async function pushReferrers(client: RegistryClient, referrers: readonly Referrer[], reporter: Reporter): Promise<AttachResult> {
  const blobs = new Map<string, Blob>();
  for (const r of referrers) for (const b of r.blobs) blobs.set(b.descriptor.digest, b);
  await pool([...blobs.values()], 4, async (b) => void (await client.pushBlob(b)));
  let ociSubject: string | undefined;
  for (const r of referrers) {
    ociSubject = (await client.putManifest(r.manifest.descriptor.digest, r.manifest)).ociSubject;
    reporter.debug(`referrer ${r.format} of ${r.subject.digest}: ${r.manifest.descriptor.digest}`);
  }
  const last = referrers.at(-1);
  if (!last) return { scheme: "tag-schema", artifacts: 0, tags: [] };
  if (await registryListsReferrers(client, last, ociSubject, reporter)) return { scheme: "referrers-api", artifacts: referrers.length, tags: [] };
  const bySubject = new Map<string, Descriptor[]>();
  for (const r of referrers) bySubject.set(r.subject.digest, [...(bySubject.get(r.subject.digest) ?? []), referrerDescriptor(r)]);
  const tags: string[] = [];
  for (const [subject, descriptors] of bySubject) {
    const tag = await updateReferrersTag(client, subject, descriptors);
    if (tag) tags.push(tag);
  }
  return { scheme: "tag-schema", artifacts: referrers.length, tags };
}
