import { createHash } from "node:crypto";
import { constants } from "node:buffer";
import { GantryError, redactUrl } from "@gantry/core";
import type { Descriptor } from "./oci.js";

/**
 * Reads a blob's body as it streams, against its descriptor (image-spec descriptor.md: size and
 * digest both name the content): the sha256 is computed on the way, more bytes than `size` stop
 * the read at once, and fewer bytes or another digest fail at the end. `what` names the blob.
 */
export async function readBlob(res: Response, d: Pick<Descriptor, "digest" | "size">, what: string): Promise<Uint8Array> {
  if (!d.digest.startsWith("sha256:")) throw new GantryError(`${what}: digest ${d.digest} uses an algorithm gantry does not verify (only sha256)`);
  if (!Number.isSafeInteger(d.size) || d.size < 0 || d.size > constants.MAX_LENGTH)
    throw new GantryError(`${what}: its descriptor's size ${d.size} is not a size gantry can hold (0 to ${constants.MAX_LENGTH} bytes)`);
  const declared = res.headers.get("content-length");
  if (declared !== null && Number(declared) !== d.size)
    throw new GantryError(`${what}: the registry announces ${declared} bytes, the descriptor says ${d.size}; refusing to use it`);
  const out = Buffer.allocUnsafe(d.size);
  const hash = createHash("sha256");
  let received = 0;
  for await (const chunk of res.body ?? []) {
    if (received + chunk.length > d.size) throw new GantryError(`${what}: the registry sent more than the descriptor's ${d.size} bytes; refusing to use it`);
    out.set(chunk, received);
    hash.update(chunk);
    received += chunk.length;
  }
  if (received !== d.size) throw new GantryError(`${what}: the registry sent ${received} of the descriptor's ${d.size} bytes; refusing to use it`);
  const actual = `sha256:${hash.digest("hex")}`;
  if (actual !== d.digest) throw new GantryError(`${what}: content has digest ${actual}, expected ${d.digest}; refusing to use it`);
  return out;
}

/**
 * An upload session's URL from its Location header, only on the registry's own origin: a
 * Location on another host, or on plain HTTP from an HTTPS registry, would take the blob (and, on
 * the same host, the token) where the registry's owner did not choose (issue 10).
 */
export function uploadUrl(location: string, base: string, what: string): string {
  const origin = new URL(base);
  let url: URL;
  try {
    url = new URL(location, origin);
  } catch {
    throw new GantryError(`${what} with a Location that is not a URL`);
  }
  if (url.origin !== origin.origin) {
    const how = url.protocol !== origin.protocol ? `over ${url.protocol === "http:" ? "plain HTTP" : url.protocol}` : "on another origin";
    throw new GantryError(`${what} at ${redactUrl(url)}, ${how} than ${origin.origin}; refusing to send the blob there`);
  }
  return url.toString();
}
