import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStaticcheck } from "../src/lint.js";
import { jsonValues, parseVulnReport, vulnFindings } from "../src/vuln.js";
import { parseVulnDb } from "../src/vulndb.js";
import { FIXTURES } from "./helpers.js";

const MODULE_DIR = resolve(import.meta.dirname, "../../../test/fixtures/go-tools-module");
const capture = (name: string) => readFileSync(join(FIXTURES, name), "utf8").replaceAll("@MODULE_DIR@", MODULE_DIR);

describe("govulncheck -format json", () => {
  it("splits the stream of indented objects, strings with braces and escapes included", () => {
    expect(jsonValues('{\n  "a": "}{\\"",\n  "b": [1]\n}\n{"c": {}}\n')).toEqual([{ a: '}{"', b: [1] }, { c: {} }]);
  });

  it("annotates a called vulnerable function at the call in the module, not at the module or package findings", () => {
    const report = parseVulnReport(capture("govulncheck-1.9.0.json"));
    expect(report.findings).toHaveLength(3);
    const { findings, uncalled } = vulnFindings(report, [{ path: "example.com/gotools", dir: MODULE_DIR }], "/elsewhere");
    expect(findings).toEqual([
      {
        file: join(MODULE_DIR, "greet/greet.go"),
        line: 12,
        col: 26,
        message:
          "GO-2021-0113: Due to improper index calculation, an incorrectly formatted language tag can cause Parse to panic via an out of bounds read. (greet.Greeting calls language.Parse; golang.org/x/text@v0.3.6, fixed in v0.3.7)",
      },
    ]);
    expect(uncalled.size).toBe(0);
  });

  it("counts an advisory found only at module level as uncalled, without a finding", () => {
    const report = parseVulnReport(capture("govulncheck-1.9.0.json"));
    report.findings = report.findings.filter((f) => !f.trace[0]?.function);
    const { findings, uncalled } = vulnFindings(report, [{ path: "example.com/gotools", dir: MODULE_DIR }], MODULE_DIR);
    expect(findings).toEqual([]);
    expect([...uncalled]).toEqual(["GO-2021-0113"]);
  });
});

describe("staticcheck -f json", () => {
  it("gives each problem at file:line:col with its check", () => {
    expect(parseStaticcheck(capture("staticcheck-0.8.2.jsonl"), "/elsewhere")).toEqual([
      { file: join(MODULE_DIR, "tidy/tidy.go"), line: 9, col: 5, message: "identical expressions on the left and right side of the '==' operator (SA4000)" },
      { file: join(MODULE_DIR, "tidy/tidy.go"), line: 16, col: 6, message: "func shout is unused (U1000)" },
    ]);
  });
});

describe("vuln-db", () => {
  const ws = mkdtempSync(join(tmpdir(), "gantry-vulndb-"));
  mkdirSync(join(ws, "db/index"), { recursive: true });
  writeFileSync(join(ws, "db/index/modules.json"), "[]");
  mkdirSync(join(ws, "empty"));

  it("takes a folder or a file:// URL as a file:// URL, and a web URL as it is", async () => {
    const url = pathToFileURL(join(ws, "db")).href;
    expect(await parseVulnDb("", ws)).toBeUndefined();
    expect(await parseVulnDb("db", ws)).toBe(url);
    expect(await parseVulnDb(join(ws, "db"), "/")).toBe(url);
    expect(await parseVulnDb(`${url}/`, "/")).toBe(url);
    expect(await parseVulnDb("https://vuln.example.com/go/", ws)).toBe("https://vuln.example.com/go");
  });

  it.each([
    ["missing", /the folder .*missing does not exist; accepted: a vulnerability database in govulncheck's format/],
    ["empty", /empty\/index\/modules.json is missing, so the folder is not a database in govulncheck's v1 layout/],
    ["ftp://mirror/db", /the scheme ftp:\/\/ is not one govulncheck reads/],
    ["https://mirror/db?x=1", /cannot have a \?query or #fragment/],
    ["https://", /it is not a valid URL/],
  ])("refuses %j, naming the input and what is accepted", async (value, message) => {
    const err = await parseVulnDb(value, ws).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe("vuln-db");
    expect((err as InputError).message).toMatch(message);
  });

  it("refuses credentials in a URL without printing them", async () => {
    const err = (await parseVulnDb("https://user:hunter2@mirror.example/db", ws).catch((e: unknown) => e)) as InputError;
    expect(err.message).toContain(`input 'vuln-db': "https://***@mirror.example/db" is not valid; credentials in the URL are refused`);
    expect(err.message).not.toContain("hunter2");
  });

  it("gives any string either a URL or an InputError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (s) => {
        const r = await parseVulnDb(s.trim(), ws).then(
          (v) => v,
          (e: unknown) => e,
        );
        expect(r === undefined || typeof r === "string" || r instanceof InputError).toBe(true);
      }),
    );
  });
});
