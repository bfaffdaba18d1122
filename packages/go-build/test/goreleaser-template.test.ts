import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGoTime } from "../src/goreleaser/gotime.js";
import { KNOWN_FIELDS } from "../src/goreleaser/naming.js";
import { type Fields, TemplateError, parseTemplate } from "../src/goreleaser/template.js";

const fields: Fields = {
  ProjectName: "svc",
  Version: "1.2.3",
  Tag: "v1.2.3",
  ShortCommit: "abc1234",
  FullCommit: "abc1234def",
  Commit: "abc1234def",
  Date: "2026-01-02T03:04:05Z",
  CommitDate: "2026-01-02T03:04:05Z",
  CommitTimestamp: 1767323045,
  Env: { HOME_BASE: "x", EMPTY: "" },
  IsSnapshot: false,
  Os: "linux",
  Arch: "arm",
  Arm: "7",
  Amd64: "",
  Arm64: "",
  Mips: "",
};
const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
const run = (src: string, f: Fields = fields) => parseTemplate(src, KNOWN_FIELDS).run(f, now);

/** goreleaser's default archive name_template (internal/pipe/archive). */
const DEFAULT =
  '{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}{{ with .Mips }}_{{ . }}{{ end }}{{ if not (eq .Amd64 "v1") }}{{ .Amd64 }}{{ end }}';

describe("goreleaser templates", () => {
  it("evaluates goreleaser's default archive name as goreleaser does", () => {
    expect(run(DEFAULT)).toBe("svc_1.2.3_linux_armv7");
    expect(run(DEFAULT, { ...fields, Arch: "amd64", Arm: "", Amd64: "v1" })).toBe("svc_1.2.3_linux_amd64");
    expect(run(DEFAULT, { ...fields, Arch: "amd64", Arm: "", Amd64: "v3" })).toBe("svc_1.2.3_linux_amd64v3");
  });

  it("evaluates the functions and forms public configs use", () => {
    expect(run('{{ .ProjectName }}_{{ title .Os }}_{{ if eq .Arch "amd64" }}x86_64{{ else if eq .Arch "386" }}i386{{ else }}{{ .Arch }}{{ end }}')).toBe(
      "svc_Linux_arm",
    );
    expect(run('{{ replace .Version "." "-" | toupper }}')).toBe("1-2-3");
    expect(run('{{ trimprefix .Tag "v" }} {{ tolower "ABC" }} {{ .Env.HOME_BASE }}')).toBe("1.2.3 abc x");
    expect(run('{{- .ShortCommit -}} - {{ .CommitTimestamp }} {{ time "2006-01-02" }}')).toBe("abc1234- 1767323045 2026-01-02");
    expect(run("{{ if .IsSnapshot }}snap{{ else }}rel{{ end }}{{ with .Env.EMPTY }}no{{ else }}-{{ end }}")).toBe("rel-");
    expect(run("{{ if and .Arm (not .IsSnapshot) }}a{{ end }}{{ if or .Mips .Amd64 }}b{{ end }}")).toBe("a");
  });

  it("refuses what it cannot evaluate, naming the expression", () => {
    expect(() => run("{{ .Runtime.Goos }}")).toThrow(/\.Runtime\.Goos is not a field gantry knows/);
    expect(() => run('{{ envOrDefault "A" "b" }}')).toThrow(/function envOrDefault is not one gantry evaluates/);
    expect(() => run("{{ range .Env }}x{{ end }}")).toThrow(/not range/);
    expect(() => run("{{ $x := .Os }}")).toThrow(TemplateError);
    expect(() => run("{{ .Env.NOPE }}")).toThrow(/\.Env\.NOPE: no such variable/);
    expect(() => run("{{ if .Os }}x")).toThrow(/no \{\{ end \}\}/);
    expect(() => run("{{ .Os ) }}")).toThrow(/unexpected \)/);
    expect(() => run('{{ eq .CommitTimestamp "1" }}')).toThrow(/different kinds/);
  });

  it("formats Go time layouts in UTC", () => {
    expect(formatGoTime(new Date(Date.UTC(2026, 10, 5, 14, 7, 9)), "2006-01-02T15:04:05Z07:00 Jan Mon _2 3PM 06")).toBe(
      "2026-11-05T14:07:09Z Nov Thu  5 2PM 26",
    );
  });

  it("gives a value or a TemplateError for any text, never another failure", () => {
    const pieces = fc.constantFrom(
      "{{",
      "}}",
      "{{-",
      "-}}",
      " ",
      ".",
      ".Os",
      ".Env.HOME_BASE",
      ".Nope",
      "if",
      "else",
      "end",
      "with",
      "(",
      ")",
      "|",
      '"',
      "`",
      "eq",
      "not",
      "tolower",
      "replace",
      "x",
      "1",
      "$",
      ":=",
      "range",
      "\\",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces, { maxLength: 14 }).map((a) => a.join("")),
        ),
        (src) => {
          try {
            expect(typeof run(src)).toBe("string");
          } catch (err) {
            expect(err).toBeInstanceOf(TemplateError);
            expect((err as Error).message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
