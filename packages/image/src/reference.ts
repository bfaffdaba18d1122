import { InputError } from "@gantry/core";

/** An image reference split as the distribution spec uses it. */
export interface ImageRef {
  /** `ghcr.io`, `127.0.0.1:5000`, `docker.io` */
  registry: string;
  /** `acme/api`, `library/alpine` */
  repository: string;
  tag?: string;
  /** `sha256:…` */
  digest?: string;
}

// distribution/reference's grammar (reference/regexp.go).
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/;
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export const DOCKER_HUB = "docker.io";

const ACCEPTED_REPO = "accepted: [registry[:port]/]path in lower case, e.g. ghcr.io/acme/api or 127.0.0.1:5000/api";

/**
 * Parses `[registry/]path[:tag][@sha256:…]`. A first component with a `.` or `:`, or
 * `localhost`, is the registry; otherwise it is Docker Hub (`alpine` → docker.io/library/alpine).
 */
export function parseReference(text: string, input: string, allow: { tag: boolean; digest: boolean }): ImageRef {
  const fail = (why: string): never => {
    throw new InputError(input, text, `${why}; ${ACCEPTED_REPO}${allow.tag ? ", optionally :tag" : ""}${allow.digest ? " and @sha256:<64 hex>" : ""}`);
  };
  let rest = text.trim();
  if (rest === "" || /\s/.test(rest)) fail("it is empty or has spaces");
  // docker would read it as an option (issue 10); docker's own grammar never starts with one.
  if (rest.startsWith("-")) fail('it begins with "-", which a command would read as an option');
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!allow.digest) fail("a digest is not accepted here");
    if (!DIGEST.test(digest)) fail(`the digest ${JSON.stringify(digest)} is not sha256: followed by 64 lower-case hex digits`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!allow.tag) fail("a tag is not accepted here (give tags in the tags input)");
    if (!TAG.test(tag)) fail(`the tag ${JSON.stringify(tag)} is not valid (letters, digits, _ . -, up to 128, not starting with . or -)`);
  }
  const parts = rest.split("/");
  let registry = DOCKER_HUB;
  const first = parts[0] as string;
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    if (!DOMAIN.test(first)) fail(`the registry ${JSON.stringify(first)} is not a host[:port]`);
    registry = first;
    parts.shift();
  }
  if (parts.length === 0 || !parts.every((p) => COMPONENT.test(p)))
    fail("the repository path must be lower-case letters, digits and single . _ - between them");
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift("library");
  const repository = parts.join("/");
  if (registry.length + repository.length + 1 > 255) fail("the name is longer than 255 characters");
  return { registry, repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** `ghcr.io/acme/api:v1@sha256:…` (Docker Hub names written in full). */
export function formatReference(r: ImageRef): string {
  return `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ""}${r.digest ? `@${r.digest}` : ""}`;
}

/** The host the registry API answers on (Docker Hub's API is not at docker.io). */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? "registry-1.docker.io" : registry;
}

/** True for a registry on this machine: 127.0.0.0/8, ::1 or localhost, with any port. */
export function isLoopback(registry: string): boolean {
  const host = registry.startsWith("[") ? registry.slice(1, registry.indexOf("]")) : registry.replace(/:\d+$/, "");
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * A version as a tag: characters a tag cannot hold become `-` (semver's `+build` → `-build`,
 * as docker/metadata-action does), and at most 128 characters.
 */
export function sanitizeTag(text: string): string {
  let t = text.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 128);
  if (/^[.-]/.test(t)) t = `v${t}`.slice(0, 128);
  return t;
}
