import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "@gantry/core";
import { buildLdflags, fillTemplate, parseXAssignments, quoteLdflagsWord, vcsFlags } from "../src/ldflags.js";
import { bareVersion, checkTemplate, placeholderValues } from "../src/placeholders.js";
import type { BuildInfo } from "../src/version.js";

const info: BuildInfo = { version: "v1.2.3", commit: "abc123", date: "2026-11-25T00:00:00Z", epoch: 0, dateSource: "commit" };

/** Go's own splitting of -ldflags (cmd/internal/quoted.Split), to check our quoting round-trips. */
function goSplit(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i] as string)) i++;
    if (i >= s.length) break;
    const q = s[i];
    if (q === "'" || q === '"') {
      const end = s.indexOf(q, i + 1);
      if (end < 0) throw new Error("unterminated quote");
      out.push(s.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < s.length && !/\s/.test(s[j] as string)) j++;
      out.push(s.slice(i, j));
      i = j;
    }
  }
  return out;
}

describe("buildLdflags", () => {
  it("strips, clears the build id and stamps version, commit and the commit date", () => {
    expect(buildLdflags({ strip: true, info, x: [], templateValues: {}, extra: "" })).toBe(
      "-s -w -buildid= -X main.version=v1.2.3 -X main.commit=abc123 -X main.date=2026-11-25T00:00:00Z",
    );
  });

  it("fills templates in x assignments and appends extra ldflags", () => {
    const x = parseXAssignments(["example.com/app/internal/build.Target={os}-{arch}"]);
    const flags = buildLdflags({ strip: false, info, x, templateValues: { os: "linux", arch: "arm64" }, extra: "-extldflags=-static" });
    expect(flags).toBe(
      "-buildid= -X main.version=v1.2.3 -X main.commit=abc123 -X main.date=2026-11-25T00:00:00Z -X example.com/app/internal/build.Target=linux-arm64 -extldflags=-static",
    );
  });

  it("passes spaces, quotes and $(…) literally", () => {
    for (const version of ["1.0 beta", "it's", 'say "hi"', "$(rm -rf /)", "`id`"]) {
      const words = goSplit(buildLdflags({ strip: false, info: { ...info, version }, x: [], templateValues: {}, extra: "" }));
      expect(words).toContain(`main.version=${version}`);
    }
  });

  it("refuses what Go's quoting cannot carry", () => {
    expect(() => quoteLdflagsWord(`main.version=a'b"c`, "version")).toThrow(/input 'version'.*not both/);
    expect(() => quoteLdflagsWord("main.version=a\nb", "version")).toThrow(/control characters/);
  });

  it("round-trips any printable value through Go's splitting, or refuses it", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "'", '"', "$", "(", "=", "\\", "\t") }), (value) => {
        try {
          expect(goSplit(`-X ${quoteLdflagsWord(`main.v=${value}`, "version")}`)).toEqual(["-X", `main.v=${value}`]);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});

describe("templates and x", () => {
  it("refuses unknown placeholders, naming them and the known ones", () => {
    expect(() => fillTemplate("{name}_{arc}", { name: "a", arch: "b" }, "archive-name")).toThrow(
      /input 'archive-name'.*unknown placeholder \{arc\}; accepted: \{name\}, \{arch\}/,
    );
  });

  it("fills the same placeholders in ldflags as in x, refusing a value that would change Go's split", () => {
    const values = placeholderValues(
      "svc",
      { ...info, commit: "0123456789abcdef0123456789abcdef01234567" },
      { os: "linux", arch: "arm", variant: "v7", target: "linux/arm/v7" },
    );
    const flags = buildLdflags({
      strip: false,
      info,
      x: [],
      templateValues: values,
      extra: "-X main.revision={short_commit} -X main.v={bare_version} -X main.c={short_commit:10}",
    });
    expect(flags).toMatch(/ -X main\.revision=0123456 -X main\.v=1\.2\.3 -X main\.c=0123456789$/);
    expect(flags).not.toMatch(/[{}]/);
    const spaced = placeholderValues("svc", { ...info, version: "1 -X main.admin=true" }, { os: "linux", arch: "amd64", variant: "", target: "linux/amd64" });
    expect(() => buildLdflags({ strip: false, info, x: [], templateValues: spaced, extra: "-X main.v={version}" })).toThrow(
      /input 'ldflags'.*\{version\}.*use the x input/,
    );
  });

  it("refuses any {…} that is not a placeholder, naming the input, the value and the known ones", () => {
    expect(() => checkTemplate("-X main.revision={shortcommit}", "ldflags")).toThrow(
      /input 'ldflags'.*-X main.revision=\{shortcommit\}.*unknown placeholder \{shortcommit\}; accepted: \{name\}, \{version\}, \{bare_version\}, \{commit\}, \{short_commit\}.*\{short_commit:N\}/,
    );
    expect(() => checkTemplate("{{.Version}}", "archive-name")).toThrow(/goreleaser's \{\{\.Version\}\} is \{bare_version\}/);
    expect(() => checkTemplate("{short_commit:3}", "x")).toThrow(/input 'x'.*unknown placeholder \{short_commit:3\}/);
    expect(() => checkTemplate("{short_commit:41}", "x")).toThrow(InputError);
    for (const ok of ["{name}_{bare_version}_{os}_{arch}{variant}", "-X main.c={short_commit:4} -X main.d={short_commit:40}", "-s -w"])
      checkTemplate(ok, "ldflags");
  });

  it("gives goreleaser's version without its v and a 7-character short commit by default", () => {
    expect(bareVersion("v0.74.3")).toBe("0.74.3");
    expect(bareVersion("0.74.3")).toBe("0.74.3");
    expect(bareVersion("vnext")).toBe("vnext");
    const v = placeholderValues(
      "fzf",
      { ...info, version: "v0.74.3", commit: "0123456789abcdef" },
      { os: "linux", arch: "amd64", variant: "", target: "linux/amd64" },
    );
    expect(fillTemplate("{name}_{bare_version}_{os}_{arch}{variant}", v, "archive-name")).toBe("fzf_0.74.3_linux_amd64");
    expect(v.short_commit).toBe("0123456");
  });

  it("refuses malformed x lines", () => {
    expect(() => parseXAssignments(["version=1"])).toThrow(/input 'x'.*importpath.name=value/);
    expect(() => parseXAssignments(["main.v"])).toThrow(InputError);
  });
});

describe("vcsFlags", () => {
  it("turns Go's VCS stamp off unless the flags input sets -buildvcs itself", () => {
    expect(vcsFlags([])).toEqual(["-buildvcs=false"]);
    expect(vcsFlags(["-race"])).toEqual(["-buildvcs=false"]);
    expect(vcsFlags(["-buildvcs=true"])).toEqual([]);
    expect(vcsFlags(["--buildvcs"])).toEqual([]);
    expect(vcsFlags(["-buildvcsx"])).toEqual(["-buildvcs=false"]);
  });
});
