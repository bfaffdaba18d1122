import { type GoModule, builtModule, goPurl, stdlibPurl } from "../buildinfo.js";
import { SBOM_TOOL, type SbomSubject, mainPurl, sbomUri, settingText } from "./subject.js";

/**
 * SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/), written by hand: there is no
 * well-kept JavaScript writer for it. Typed to the fields gantry fills; the tests validate the
 * output against the official schema (spdx/spdx-spec schemas/spdx-schema.json at v2.3).
 */
export interface SpdxDocument {
  spdxVersion: "SPDX-2.3";
  dataLicense: "CC0-1.0";
  SPDXID: "SPDXRef-DOCUMENT";
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[]; comment: string };
  packages: SpdxPackage[];
  relationships: { spdxElementId: string; relationshipType: "DESCRIBES" | "DEPENDS_ON"; relatedSpdxElement: string }[];
}

export interface SpdxPackage {
  name: string;
  SPDXID: string;
  versionInfo?: string;
  packageFileName?: string;
  downloadLocation: string;
  filesAnalyzed: false;
  checksums?: { algorithm: "SHA256"; checksumValue: string }[];
  licenseConcluded: "NOASSERTION";
  licenseDeclared: "NOASSERTION";
  copyrightText: "NOASSERTION";
  primaryPackagePurpose: "APPLICATION" | "LIBRARY";
  sourceInfo?: string;
  externalRefs: { referenceCategory: "PACKAGE-MANAGER" | "OTHER"; referenceType: string; referenceLocator: string; comment?: string }[];
  annotations?: { annotationDate: string; annotationType: "OTHER"; annotator: string; comment: string }[];
}

const TOOL = `Tool: ${SBOM_TOOL.name}-${SBOM_TOOL.version}`;

/** The SPDX document of one binary: the main module, Go's standard library and every module linked in. */
export function spdxDocument(subject: SbomSubject): SpdxDocument {
  const { info } = subject;
  const main = mainPackage(subject);
  const stdlib = basePackage("SPDXRef-Package-stdlib", "stdlib", info.goVersion, [purlRef(stdlibPurl(info.goVersion))]);
  const deps = info.deps.map((m, i) => modulePackage(m, i));
  return {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: subject.file,
    documentNamespace: sbomUri(subject, "spdx"),
    creationInfo: {
      created: subject.date,
      creators: [TOOL],
      comment: `From the Go build information of ${subject.file} (${info.goVersion}), read with go version -m.`,
    },
    packages: [main, stdlib, ...deps],
    relationships: [
      { spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: main.SPDXID },
      ...[stdlib, ...deps].map((p) => ({ spdxElementId: main.SPDXID, relationshipType: "DEPENDS_ON" as const, relatedSpdxElement: p.SPDXID })),
    ],
  };
}

function basePackage(SPDXID: string, name: string, version: string, externalRefs: SpdxPackage["externalRefs"]): SpdxPackage {
  return {
    name,
    SPDXID,
    ...(version ? { versionInfo: version } : {}),
    downloadLocation: "NOASSERTION",
    filesAnalyzed: false,
    licenseConcluded: "NOASSERTION",
    licenseDeclared: "NOASSERTION",
    copyrightText: "NOASSERTION",
    primaryPackagePurpose: "LIBRARY",
    externalRefs,
  };
}

/** The binary itself: the main module at the release version, with the binary's sha256 and Go's build settings. */
function mainPackage(subject: SbomSubject): SpdxPackage {
  const { info } = subject;
  return {
    ...basePackage("SPDXRef-Package-main", info.main.path, subject.version, [purlRef(mainPurl(subject))]),
    packageFileName: subject.file,
    checksums: [{ algorithm: "SHA256", checksumValue: subject.sha256 }],
    primaryPackagePurpose: "APPLICATION",
    annotations: [`main package ${info.path}`, `go ${info.goVersion}`, ...info.settings.map((s) => `go build setting ${settingText(s)}`)].map((comment) => ({
      annotationDate: subject.date,
      annotationType: "OTHER" as const,
      annotator: TOOL,
      comment,
    })),
  };
}

/**
 * One linked module. Its go.sum `h1:` hash is not the sha256 of any file, so it is not an SPDX
 * checksum: it goes in an external reference of category OTHER (type `go-module-sum`).
 */
function modulePackage(m: GoModule, index: number): SpdxPackage {
  const built = builtModule(m);
  const refs: SpdxPackage["externalRefs"] = [purlRef(goPurl(built.path, built.version))];
  if (built.sum) refs.push({ referenceCategory: "OTHER", referenceType: "go-module-sum", referenceLocator: built.sum, comment: "go.sum h1: hash (dirhash)" });
  const p = basePackage(`SPDXRef-Package-${index + 1}-${spdxIdPart(m.path)}`, m.path, m.version, refs);
  if (m.replace) p.sourceInfo = `built from ${`${m.replace.path} ${m.replace.version}`.trim()} (go.mod replace)`;
  return p;
}

function purlRef(purl: string): SpdxPackage["externalRefs"][number] {
  return { referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: purl };
}

/** SPDX ids allow letters, digits, `.` and `-` only. */
function spdxIdPart(path: string): string {
  return path.replace(/[^A-Za-z0-9.-]+/g, "-");
}
