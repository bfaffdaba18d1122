import { createHash } from "node:crypto";
import { GANTRY_VERSION } from "@gantry/core";
import { type GoBinaryInfo, goPurl } from "../buildinfo.js";

/** The binary an SBOM describes, and what makes the SBOM reproducible (issue 15). */
export interface SbomSubject {
  /** Path relative to the manifest's folder, as in artifacts.json: `svc_linux_amd64/svc`. */
  file: string;
  sha256: string;
  /** The release version go-build stamped (`version` input, tag or git describe). */
  version: string;
  /** RFC 3339 commit time (SOURCE_DATE_EPOCH semantics), never "now": the same binary gives the same SBOM. */
  date: string;
  info: GoBinaryInfo;
}

export const SBOM_TOOL = { vendor: "gantry", name: "gantry", version: GANTRY_VERSION };

/**
 * A name-based UUID (RFC 9562 version 5, SHA-1 over the URL namespace) of `name`: the same binary
 * always gets the same CycloneDX serial number, and no random one leaks into the bytes.
 */
export function uuidV5(name: string): string {
  const namespace = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");
  const h = createHash("sha1").update(namespace).update(name).digest().subarray(0, 16);
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The URI that names one binary's SBOM: its sha256 under gantry's namespace. */
export function sbomUri(subject: SbomSubject, format: "spdx" | "cyclonedx"): string {
  return `https://github.com/gantry-dev/gantry/sbom/${format}/${subject.sha256}`;
}

/** Go's build settings as `key=value`, as `go version -m` prints them. */
export function settingText(s: { key: string; value: string }): string {
  return s.value === "" ? s.key : `${s.key}=${s.value}`;
}

/**
 * The main module's purl, at the release version: Go records `(devel)` for a main module built
 * from a checkout (-buildvcs=false), so its own version would leave the purl without any.
 */
export function mainPurl(subject: SbomSubject): string {
  return goPurl(subject.info.main.path, subject.version || subject.info.main.version);
}
