import * as Enums from "@cyclonedx/cyclonedx-library/Enums";
import * as Models from "@cyclonedx/cyclonedx-library/Models";
import * as Serialize from "@cyclonedx/cyclonedx-library/Serialize";
import * as Spec from "@cyclonedx/cyclonedx-library/Spec";
import { type GoModule, builtModule, goPurl, stdlibPurl } from "../buildinfo.js";
import { SBOM_TOOL, type SbomSubject, mainPurl, sbomUri, settingText, uuidV5 } from "./subject.js";

/**
 * CycloneDX 1.6 JSON through the CycloneDX JavaScript library (OWASP's @cyclonedx/cyclonedx-library):
 * models in, its normalizer and serializer out, lists sorted so the bytes are reproducible.
 * Properties follow the CycloneDX property taxonomy where it has names (`cdx:gomod:build:env:GOOS`, …);
 * the rest are gantry's (`gantry:go:…`).
 */
export function cyclonedxJson(subject: SbomSubject): string {
  const bom = new Models.Bom({ version: 1, serialNumber: `urn:uuid:${uuidV5(sbomUri(subject, "cyclonedx"))}` });
  bom.metadata.timestamp = new Date(subject.date);
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, SBOM_TOOL.name, { version: SBOM_TOOL.version, group: SBOM_TOOL.vendor }),
  );
  const main = mainComponent(subject);
  bom.metadata.component = main;
  const stdlib = new Models.Component(Enums.ComponentType.Library, "stdlib", {
    bomRef: stdlibPurl(subject.info.goVersion),
    version: subject.info.goVersion,
    purl: stdlibPurl(subject.info.goVersion),
  });
  const deps = subject.info.deps.map(moduleComponent);
  for (const c of [stdlib, ...deps]) {
    bom.components.add(c);
    main.dependencies.add(c.bomRef);
  }
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
}

/** The binary: the main module at the release version, its sha256 and Go's build settings. */
function mainComponent(subject: SbomSubject): Models.Component {
  const { info } = subject;
  const purl = mainPurl(subject);
  const main = new Models.Component(Enums.ComponentType.Application, info.main.path, { bomRef: `${purl}#${subject.file}`, version: subject.version, purl });
  main.hashes.set(Enums.HashAlgorithm["SHA-256"], subject.sha256);
  const props: [string, string][] = [
    ["gantry:go:file", subject.file],
    ["gantry:go:package", info.path],
    ["gantry:go:version", info.goVersion],
    ...info.settings.map((s): [string, string] => [settingName(s.key), settingText(s)]),
  ];
  for (const [name, value] of props) main.properties.add(new Models.Property(name, value));
  return main;
}

/** `GOOS=linux` → `cdx:gomod:build:env:GOOS` (taxonomy); `-ldflags=…`, `vcs.revision=…` → `gantry:go:build:…`. */
function settingName(key: string): string {
  return /^(GO[A-Z0-9]*|CGO_[A-Z_]+)$/.test(key) ? `cdx:gomod:build:env:${key}` : `gantry:go:build:${key.replace(/^-/, "")}`;
}

/**
 * One linked module. Its go.sum `h1:` hash is not the SHA-256 of the component's bytes, so it is
 * a property (`gantry:go:module:sum`), not a CycloneDX hash.
 */
function moduleComponent(m: GoModule): Models.Component {
  const built = builtModule(m);
  const purl = goPurl(built.path, built.version);
  const c = new Models.Component(Enums.ComponentType.Library, m.path, { bomRef: purl, version: m.version || undefined, purl });
  if (built.sum) c.properties.add(new Models.Property("gantry:go:module:sum", built.sum));
  if (m.replace) c.properties.add(new Models.Property("gantry:go:module:replace", `${m.replace.path} ${m.replace.version}`.trim()));
  return c;
}
