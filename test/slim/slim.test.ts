/**
 * The slim action through the runner harness, on binaries go-build really builds (strip: false,
 * so they carry symbols) for linux/amd64, linux/arm64, windows/amd64 and darwin/arm64. Built once;
 * each test slims its own copy. UPX is not on this machine: the UPX paths are in upx.test.ts.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ExecutableInfo, parseExecutable } from "@gantry/slim";
import { gunzipSync, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { itNeeding } from "../tools.js";

const TARGETS = "linux/amd64, linux/arm64, windows/amd64, darwin/arm64";
const sha = (p: string) => execFileSync("sha256sum", [p], { encoding: "utf8" }).slice(0, 64);
const info = (p: string): ExecutableInfo => parseExecutable(readFileSync(p));

interface ReportEntry {
  path: string;
  target: string;
  before: number;
  after: number;
  ratio: number;
  steps: string[];
  "skipped-reason": string;
  sha256: string;
}
const reportOf = (r: ActionRun) => JSON.parse(r.outputs.report ?? "[]") as ReportEntry[];
const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";
/** A size as the summary writes it, escaped for a RegExp. */
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(".", "\\.")} MiB`;
const entry = (r: ActionRun, target: string) => reportOf(r).find((e) => e.target === target) as ReportEntry;

let built: string;
/** A fresh workspace holding a copy of the built dist/. */
function workspace(): string {
  const ws = scratchDir("gantry-slim-");
  cpSync(join(built, "dist"), join(ws, "dist"), { recursive: true });
  return ws;
}
const bin = (ws: string, slug: string) => join(ws, "dist", `hello_${slug}`, slug.startsWith("windows") ? "hello.exe" : "hello");

beforeAll(async () => {
  built = fixtureCopy("example-service");
  const r = await runAction(
    "go-build",
    { targets: TARGETS, version: "v1.0.0", strip: "false", cache: "false", "mod-check": "off" },
    { workspace: built, env: { SOURCE_DATE_EPOCH: "1764028800" }, post: false },
  );
  if (r.code !== 0) throw new Error(`go-build failed:\n${r.log}`);
});
afterAll(() => rmSync(built, { recursive: true, force: true }));

describe("the executable header parser on binaries Go really builds", () => {
  it("reads format, target, symbols, PIE and signature from each file", () => {
    const want: Record<string, Partial<ExecutableInfo>> = {
      linux_amd64: { format: "elf", os: "linux", arch: "amd64", bits: 64, pie: false, hasSymbols: true, go: true, upxPacked: false },
      linux_arm64: { format: "elf", os: "linux", arch: "arm64", bits: 64, pie: false, hasSymbols: true, go: true },
      // Go links windows binaries with ASLR (DYNAMIC_BASE) since 1.15.
      windows_amd64: { format: "pe", os: "windows", arch: "amd64", bits: 64, pie: true, hasSymbols: true, go: true },
      // darwin/arm64 binaries are PIE and carry the linker's ad-hoc signature.
      darwin_arm64: { format: "macho", os: "darwin", arch: "arm64", bits: 64, pie: true, signed: true, hasSymbols: true, go: true },
    };
    for (const [slug, expected] of Object.entries(want)) expect(info(bin(built, slug)), slug).toMatchObject(expected);
  });

  it("sees the sections a program loads, with the entry point inside .text", () => {
    const i = info(bin(built, "linux_amd64"));
    const text = i.sections.find((s) => s.name === ".text");
    expect(text?.loaded).toBe(true);
    expect(i.entry).toBeGreaterThanOrEqual(text?.addr ?? 0);
    expect(i.entry).toBeLessThan((text?.addr ?? 0) + (text?.fileSize ?? 0));
    expect(i.sections.find((s) => s.name === ".symtab")?.loaded).toBe(false);
    expect(i.sections.find((s) => s.name === ".bss")?.fileSize).toBe(0);
  });
});

describe("slim on go-build's manifest (default inputs, no UPX installed)", () => {
  let ws: string;
  let r: ActionRun;
  let manifestBefore: { artifacts: { target: string; sha256: string; archive: string }[] };
  beforeAll(async () => {
    ws = workspace();
    manifestBefore = JSON.parse(readFileSync(join(ws, "dist", "artifacts.json"), "utf8"));
    r = await runAction("slim", {}, { workspace: ws });
  });

  it("succeeds and reports every binary", () => {
    expect(r.code, r.log).toBe(0);
    expect(reportOf(r).map((e) => e.target)).toEqual(["linux/amd64", "linux/arm64", "windows/amd64", "darwin/arm64"]);
    expect(Number(r.outputs["total-after"])).toBeLessThan(Number(r.outputs["total-before"]));
    expect(r.outputs.manifest).toBe(join(ws, "dist", "artifacts.json"));
  });

  itNeeding(["strip"], "strips linux/amd64 with a strip for x86-64, and it still runs", () => {
    const e = entry(r, "linux/amd64");
    expect(e.steps).toEqual([expect.stringMatching(/^strip \((x86_64-linux-gnu-)?strip\)$/)]);
    expect(e.after).toBeLessThan(e.before * 0.8);
    expect(info(bin(ws, "linux_amd64")).hasSymbols).toBe(false);
    expect(execFileSync(bin(ws, "linux_amd64"), ["--version"], { encoding: "utf8" })).toMatch(/^hello v1\.0\.0 \(commit /);
  });

  itNeeding(["aarch64-linux-gnu-strip", "qemu-aarch64-static"], "strips linux/arm64 with aarch64-linux-gnu-strip and runs it through qemu-user", () => {
    const e = entry(r, "linux/arm64");
    expect(e.steps).toEqual(["strip (aarch64-linux-gnu-strip)"]);
    expect(r.log).not.toMatch(/Unable to recognise the format/);
    expect(execFileSync("qemu-aarch64-static", [bin(ws, "linux_arm64"), "--version"], { encoding: "utf8" })).toMatch(/^hello v1\.0\.0/);
    const report = JSON.parse(readFileSync(join(ws, "dist", "slim-report.json"), "utf8"));
    const arm = report.files.find((f: { target: string }) => f.target === "linux/arm64");
    expect(arm.verified).toContain("loaded sections unchanged");
    expect(arm.verified.join(" ")).toMatch(/ran through qemu-aarch64(-static)?: hello v1\.0\.0/);
  });

  itNeeding(["x86_64-w64-mingw32-strip"], "strips windows/amd64 with the mingw strip; the PE headers and loaded sections are intact", () => {
    const e = entry(r, "windows/amd64");
    expect(e.steps).toEqual(["strip (x86_64-w64-mingw32-strip)"]);
    const before = info(bin(built, "windows_amd64"));
    const after = info(bin(ws, "windows_amd64"));
    expect(after).toMatchObject({ format: "pe", os: "windows", arch: "amd64", hasSymbols: false, entry: before.entry });
    // The loaded sections are the original's (Go 1.26 adds .pdata and .xdata to the list).
    const loaded = (i: ExecutableInfo) => i.sections.filter((s) => s.loaded).map((s) => s.name);
    expect(loaded(after)).toEqual(loaded(before));
    expect(loaded(after)).toEqual(expect.arrayContaining([".text", ".rdata", ".data", ".idata", ".reloc"]));
    expect(e.after).toBeLessThan(e.before);
  });

  it("leaves darwin/arm64 untouched, with the reason in the report", () => {
    const e = entry(r, "darwin/arm64");
    expect(e.steps).toEqual([]);
    expect(e.after).toBe(e.before);
    expect(sha(bin(ws, "darwin_arm64"))).toBe(sha(bin(built, "darwin_arm64")));
    expect(e["skipped-reason"]).toMatch(/Mach-O: stripping would break its code signature/);
    expect(e["skipped-reason"]).toMatch(/upx#612/);
    expect(r.annotations.some((a) => a.level === "notice" && /darwin\/arm64.*upx#612/.test(a.message))).toBe(true);
  });

  it("updates each manifest entry: size, sha256, slim record, and the archive with the slimmed binary inside", () => {
    const m = JSON.parse(readFileSync(join(ws, "dist", "artifacts.json"), "utf8"));
    for (const a of m.artifacts) {
      const file = join(ws, "dist", a.path);
      expect(a.sha256, a.target).toBe(sha(file));
      expect(a.size).toBe(readFileSync(file).length);
      expect(a.slim).toMatchObject({ before: expect.any(Number), after: a.size, steps: entry(r, a.target).steps });
      expect(a["archive-sha256"]).toBe(sha(join(ws, "dist", a.archive)));
      const archive = readFileSync(join(ws, "dist", a.archive));
      const inside = a.archive.endsWith(".zip") ? unzipSync(archive)["hello.exe"] : tarMember(gunzipSync(archive), "hello");
      expect(Buffer.from(inside as Uint8Array).equals(readFileSync(file)), a.archive).toBe(true);
    }
    const changed = m.artifacts.filter((a: { sha256: string }, i: number) => a.sha256 !== manifestBefore.artifacts[i]?.sha256);
    expect(changed.map((a: { target: string }) => a.target)).toEqual(["linux/amd64", "linux/arm64", "windows/amd64"]);
    expect(r.annotations.filter((a) => /could not be reproduced/.test(a.message))).toEqual([]);
    const sums = readFileSync(join(ws, "dist", "checksums.txt"), "utf8");
    for (const a of m.artifacts) expect(sums).toContain(`${a["archive-sha256"]}  ${a.archive}`);
  });

  it("writes the job summary with the before/after table and the top packages collapsed", () => {
    expect(r.summary).toMatch(/### slim: .* → .* \(−\d+\.\d%\) over 4 binaries/);
    const e = entry(r, "linux/amd64");
    expect(r.summary).toMatch(
      new RegExp(`\\| \`dist/hello_linux_amd64/hello\` \\| linux/amd64 \\| ${mib(e.before)} \\| ${mib(e.after)} \\| −[23]\\d\\.\\d% \\|`),
    );
    expect(r.summary).toContain("Budget: none set");
    expect(r.summary).toMatch(/<details><summary>Largest Go packages in dist\/hello_linux_amd64\/hello/);
    expect(r.summary).toMatch(/\| `net\/http` \| \d+\.\d KiB \|/);
  });
});

/** Reads one member of an uncompressed tar. */
function tarMember(tar: Uint8Array, name: string): Uint8Array | undefined {
  const buf = Buffer.from(tar);
  for (let off = 0; off + 512 <= buf.length; ) {
    const n = buf.toString("utf8", off, off + 100).replace(/\0.*$/s, "");
    if (!n) return undefined;
    const size = Number.parseInt(
      buf
        .toString("utf8", off + 124, off + 136)
        .replace(/\0.*$/s, "")
        .trim(),
      8,
    );
    if (n === name) return buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

describe("files mode, keep-original and the size budget", () => {
  it("slims any executable matched by a glob (not go-build's SBOM beside it) and keeps the original as <name>.orig", async () => {
    const ws = workspace();
    const original = sha(bin(ws, "linux_amd64"));
    const r = await runAction("slim", { files: "dist/*linux_amd64/*", "keep-original": "true", "report-packages": "false" }, { workspace: ws });
    expect(r.code, r.log).toBe(0);
    expect(reportOf(r).map((e) => e.path)).toEqual(["dist/hello_linux_amd64/hello"]);
    expect(sha(`${bin(ws, "linux_amd64")}.orig`)).toBe(original);
    expect(r.outputs.manifest).toBe("");
    expect(JSON.parse(readFileSync(join(ws, "dist", "artifacts.json"), "utf8")).artifacts[0].sha256).toBe(original);
  });

  it("fails over max-size with a table of what is over, and passes a per-target budget it meets", async () => {
    const ws = workspace();
    const over = await runAction("slim", { files: "dist/hello_linux_amd64/hello", strip: "false", upx: "false", "max-size": "1MB" }, { workspace: ws });
    expect(over.code).toBe(1);
    const size = mib(readFileSync(bin(ws, "linux_amd64")).length);
    expect(errorOf(over)).toMatch(
      new RegExp(`over the size budget; no file was changed:\n.*dist/hello_linux_amd64/hello \\(linux/amd64, ${size}\\): ${size} is over max-size 976\\.6 KiB`),
    );
    expect(over.summary).toMatch(/Budget: ❌ 1 of 1 over budget/);
    // A budget just above the binary go-build made (the Gin service, unstripped: about 32 MB).
    const meets = `${Math.ceil(readFileSync(bin(ws, "linux_amd64")).length / 1e6) + 1}MB`;
    const ok = await runAction(
      "slim",
      { files: "dist/hello_linux_amd64/hello", strip: "false", upx: "false", "max-size": `linux/amd64=${meets}, windows/amd64=1MB` },
      { workspace: ws },
    );
    expect(ok.code, ok.log).toBe(0);
    expect(ok.summary).toMatch(/Budget: ✅ within budget/);
  });

  it("fails when a binary grew more than max-growth over the baseline, passes when it did not", async () => {
    const ws = workspace();
    const size = readFileSync(bin(ws, "linux_amd64")).length;
    const baseline = (after: number) => {
      const file = join(ws, `baseline-${after}.json`);
      writeFileSync(file, JSON.stringify({ schema: 1, files: [{ path: "dist/hello_linux_amd64/hello", target: "linux/amd64", before: after, after }] }));
      return file;
    };
    const inputs = { files: "dist/hello_linux_amd64/hello", strip: "false", upx: "false", "max-growth": "5%" };
    const grew = await runAction("slim", { ...inputs, baseline: baseline(Math.round(size / 1.1)) }, { workspace: ws });
    expect(grew.code).toBe(1);
    expect(errorOf(grew)).toMatch(/grew 10(\.\d+)?% \(.* → .*\), over max-growth 5%/);
    const same = await runAction("slim", { ...inputs, baseline: baseline(size - 1000) }, { workspace: ws });
    expect(same.code, same.log).toBe(0);
    const missing = await runAction("slim", { ...inputs, baseline: join(ws, "nope.json") }, { workspace: ws });
    expect(missing.code, missing.log).toBe(0);
    expect(missing.annotations.some((a) => a.level === "warning" && /max-growth is not checked/.test(a.message))).toBe(true);
  });
});

describe("bad inputs fail with the input named and change no file", () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ["unknown strip value", { strip: "maybe" }, /input 'strip': "maybe" is not valid; accepted: auto, true, false/],
    ["unknown upx value", { upx: "yes please" }, /input 'upx': "yes please" is not valid; accepted: auto, true, false/],
    ["a size with a space", { "max-size": "8 MB" }, /input 'max-size': "8 MB" is not valid; accepted: a number with a unit/],
    ["a negative size", { "max-size": "-1" }, /input 'max-size': "-1" is not valid/],
    ["an unknown unit", { "max-size": "8XB" }, /input 'max-size': "8XB" is not valid/],
    ["an upx option gantry owns", { "upx-args": "--best --force-macos" }, /input 'upx-args': "--force-macos" is not valid/],
    ["a glob that matches nothing", { files: "dist/*/nothing-here" }, /input 'files': "dist\/\*\/nothing-here" is not valid; it matches no file/],
    [
      "a file that is not an executable",
      { files: "dist/checksums.txt" },
      /input 'files': "dist\/checksums.txt" is not valid; dist\/checksums.txt is not an executable slim can handle: it is not an ELF, PE or Mach-O executable/,
    ],
  ];
  it.each(cases)("%s", async (_name, inputs, message) => {
    const ws = workspace();
    const before = execFileSync("sh", ["-c", "cd dist && find . -type f | sort | xargs sha256sum"], { cwd: ws, encoding: "utf8" });
    const r = await runAction("slim", inputs, { workspace: ws });
    expect(r.code).toBe(1);
    expect(errorOf(r)).toMatch(message);
    expect(execFileSync("sh", ["-c", "cd dist && find . -type f | sort | xargs sha256sum"], { cwd: ws, encoding: "utf8" })).toBe(before);
  });

  it("a read-only binary: every problem is named and nothing is stripped", async () => {
    const ws = workspace();
    chmodSync(bin(ws, "linux_arm64"), 0o555);
    const before = [sha(bin(ws, "linux_amd64")), sha(bin(ws, "linux_arm64"))];
    const r = await runAction("slim", {}, { workspace: ws });
    expect(r.code).toBe(1);
    expect(errorOf(r)).toMatch(/dist\/hello_linux_arm64\/hello: the file is read-only \(chmod u\+w to let slim replace it\)/);
    expect([sha(bin(ws, "linux_amd64")), sha(bin(ws, "linux_arm64"))]).toEqual(before);
  });

  it("a manifest entry whose file is not the target it claims", async () => {
    const ws = workspace();
    cpSync(bin(ws, "windows_amd64"), bin(ws, "linux_arm64"));
    const r = await runAction("slim", {}, { workspace: ws });
    expect(r.code).toBe(1);
    expect(errorOf(r)).toMatch(/the manifest says linux\/arm64 but dist\/hello_linux_arm64\/hello is a PE windows\/amd64 binary/);
  });
});
