/** SBOMs from Go's build info (issue 15), over `go version -m` output captured from go1.26.8 (example-service, linux/arm64). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { goPurl, parseGoBinaryInfo, parseGoVersionText } from "../src/buildinfo.js";
import { type SbomSubject, cyclonedxJson, spdxDocument, uuidV5 } from "../src/sbom/index.js";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");
const info = parseGoBinaryInfo(fixture("go1.26-version-m.json"), "svc");
const subject: SbomSubject = { file: "hello_linux_arm64/hello", sha256: "a".repeat(64), version: "1.2.3", date: "2025-11-25T00:00:00Z", info };

describe("Go build info", () => {
  it("reads the Go version, the main module, the modules sorted by path and the build settings", () => {
    expect(info.goVersion).toBe("go1.26.8");
    expect(info.main.path).toBe("example.com/hello");
    expect(info.deps.find((d) => d.path === "github.com/gin-gonic/gin")).toEqual({
      path: "github.com/gin-gonic/gin",
      version: "v1.11.0",
      sum: "h1:OW/6PLjyusp2PPXtyxKHU0RbX6I/l28FTdDlae5ueWk=",
    });
    expect(info.deps.map((d) => d.path)).toEqual([...info.deps.map((d) => d.path)].sort());
    expect(info.settings).toContainEqual({ key: "GOARCH", value: "arm64" });
    expect(info.settings).toContainEqual({ key: "-trimpath", value: "true" });
  });

  it("reads the text form of older go versions the same way, replacements and quoted values included", () => {
    expect(parseGoBinaryInfo(JSON.stringify(parseGoVersionText(fixture("go1.26-version-m.txt"))), "svc")).toEqual({ ...info, path: "example.com/hello" });
    const replaced = parseGoVersionText(
      'svc: go1.21.0\n\tpath\tx.com/svc\n\tmod\tx.com/svc\t(devel)\t\n\tdep\ta.com/m\tv1.0.0\t\n\t=>\t../m\t\t\n\tbuild\t-ldflags="-s -w"\n',
    );
    expect(parseGoBinaryInfo(JSON.stringify(replaced), "svc")).toMatchObject({
      deps: [{ path: "a.com/m", version: "v1.0.0", sum: "", replace: { path: "../m", version: "", sum: "" } }],
      settings: [{ key: "-ldflags", value: "-s -w" }],
    });
  });

  it("refuses output that is not Go build info, naming the binary", () => {
    expect(() => parseGoBinaryInfo("not json", "bin/x")).toThrow(/build info of bin\/x is not JSON/);
    expect(() => parseGoBinaryInfo("{}", "bin/x")).toThrow(/bin\/x has no Go version or main module/);
  });

  it("writes purls as purl-spec's golang type", () => {
    expect(goPurl("github.com/go-playground/validator/v10", "v10.27.0")).toBe("pkg:golang/github.com/go-playground/validator/v10@v10.27.0");
    expect(goPurl("example.com/hello", "(devel)")).toBe("pkg:golang/example.com/hello");
    expect(goPurl("x.com/m", "v0.0.0-20250101000000-abcdef+incompatible")).toBe("pkg:golang/x.com/m@v0.0.0-20250101000000-abcdef%2Bincompatible");
  });
});

describe("SBOM documents", () => {
  it("uuidV5 is RFC 9562's name-based UUID (what Python's uuid5(NAMESPACE_URL, …) gives)", () => {
    expect(uuidV5(`https://github.com/gantry-dev/gantry/sbom/cyclonedx/${"a".repeat(64)}`)).toBe("e95b7020-8cb8-59a0-a99e-69dade6e3360");
  });

  it("SPDX: the binary, stdlib and every module, each a DEPENDS_ON of the binary, h1 sums as external references", () => {
    const doc = spdxDocument(subject);
    expect(doc.documentNamespace).toBe(`https://github.com/gantry-dev/gantry/sbom/spdx/${"a".repeat(64)}`);
    expect(doc.creationInfo.created).toBe("2025-11-25T00:00:00Z");
    const [main, stdlib, ...deps] = doc.packages;
    expect(main).toMatchObject({
      name: "example.com/hello",
      versionInfo: "1.2.3",
      packageFileName: "hello_linux_arm64/hello",
      primaryPackagePurpose: "APPLICATION",
    });
    expect(main?.checksums).toEqual([{ algorithm: "SHA256", checksumValue: "a".repeat(64) }]);
    expect(info.main.version).toBe("(devel)");
    expect(main?.externalRefs).toEqual([
      { referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: "pkg:golang/example.com/hello@1.2.3" },
    ]);
    expect(main?.annotations?.map((a) => a.comment)).toContain("go build setting GOOS=linux");
    expect(stdlib?.externalRefs).toEqual([{ referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: "pkg:golang/stdlib@1.26.8" }]);
    expect(deps.map((p) => `${p.name} ${p.versionInfo}`)).toEqual(info.deps.map((d) => `${d.path} ${d.version}`));
    const gin = deps.find((p) => p.name === "github.com/gin-gonic/gin");
    expect(gin?.externalRefs).toContainEqual(
      expect.objectContaining({ referenceType: "go-module-sum", referenceLocator: "h1:OW/6PLjyusp2PPXtyxKHU0RbX6I/l28FTdDlae5ueWk=" }),
    );
    expect(new Set(doc.packages.map((p) => p.SPDXID)).size).toBe(doc.packages.length);
    expect(doc.packages.every((p) => /^SPDXRef-[A-Za-z0-9.-]+$/.test(p.SPDXID))).toBe(true);
    expect(doc.relationships.filter((r) => r.relationshipType === "DEPENDS_ON")).toHaveLength(deps.length + 1);
  });

  it("CycloneDX: serial number from the binary's sha256, the commit time, taxonomy properties, the same bytes every time", () => {
    const text = cyclonedxJson(subject);
    expect(cyclonedxJson(subject)).toBe(text);
    const bom = JSON.parse(text);
    expect(bom).toMatchObject({ bomFormat: "CycloneDX", specVersion: "1.6", version: 1, serialNumber: "urn:uuid:e95b7020-8cb8-59a0-a99e-69dade6e3360" });
    expect(bom.metadata.timestamp).toBe("2025-11-25T00:00:00.000Z");
    expect(bom.metadata.component).toMatchObject({
      type: "application",
      name: "example.com/hello",
      version: "1.2.3",
      purl: "pkg:golang/example.com/hello@1.2.3",
      hashes: [{ alg: "SHA-256", content: "a".repeat(64) }],
    });
    expect(bom.metadata.component.properties).toContainEqual({ name: "cdx:gomod:build:env:GOARCH", value: "GOARCH=arm64" });
    expect(bom.components.map((c: { name: string; version: string }) => `${c.name} ${c.version}`)).toEqual(
      ["stdlib go1.26.8", ...info.deps.map((d) => `${d.path} ${d.version}`)].sort(),
    );
    const gin = bom.components.find((c: { name: string }) => c.name === "github.com/gin-gonic/gin");
    expect(gin).toMatchObject({
      purl: "pkg:golang/github.com/gin-gonic/gin@v1.11.0",
      properties: [{ name: "gantry:go:module:sum", value: "h1:OW/6PLjyusp2PPXtyxKHU0RbX6I/l28FTdDlae5ueWk=" }],
    });
    expect(bom.dependencies.find((d: { ref: string }) => d.ref === bom.metadata.component["bom-ref"]).dependsOn).toHaveLength(info.deps.length + 1);
  });
});
