/**
 * A slim run that fails, or rejects what a tool made, leaves every file as it was (issue 10):
 * binaries, archives, checksums.txt and the manifest are hashed before and after each run. On
 * binaries go-build really builds for linux/arm64 and linux/amd64 (in that order, so the first is
 * slimmed before the second fails).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { type ActionRun, fixtureCopy, runAction, scratchDir } from "../harness.js";
import { has, itNeeding } from "../tools.js";

const sha = (p: string) => execFileSync("sha256sum", [p], { encoding: "utf8" }).slice(0, 64);
const errorOf = (r: ActionRun) => r.annotations.find((a) => a.level === "error")?.message ?? "";
/** Every file under dist/ (dotfiles too, so a left-over temp file shows) with its sha256. */
const hashes = (ws: string) => execFileSync("sh", ["-c", "cd dist && find . -type f | sort | xargs sha256sum"], { cwd: ws, encoding: "utf8" });
const bin = (ws: string, slug: string) => join(ws, "dist", `hello_${slug}`, "hello");
const manifestOf = (ws: string) =>
  JSON.parse(readFileSync(join(ws, "dist", "artifacts.json"), "utf8")) as {
    artifacts: { target: string; sha256: string; "archive-sha256": string; slim?: { steps: string[]; "skipped-reason"?: string } }[];
  };

let built: string;
function workspace(): string {
  const ws = scratchDir("gantry-slim-unchanged-");
  cpSync(join(built, "dist"), join(ws, "dist"), { recursive: true });
  return ws;
}

beforeAll(async () => {
  built = fixtureCopy("example-service");
  const r = await runAction(
    "go-build",
    { targets: "linux/arm64, linux/amd64", version: "v1.0.0", strip: "false", cache: "false", "mod-check": "off" },
    { workspace: built, env: { SOURCE_DATE_EPOCH: "1764028800" }, post: false },
  );
  if (r.code !== 0) throw new Error(`go-build failed:\n${r.log}`);
});
afterAll(() => rmSync(built, { recursive: true, force: true }));

/**
 * A folder of test doubles for a strip that damages what the program loads: each runs the real
 * strip of the same name, then flips one byte inside `.rodata` of the file it wrote (as llvm-strip
 * 14 renamed sections of Go arm64 binaries; Go 1.26's binaries no longer trip it). Every strip
 * slim would try for x86-64 is shadowed, so none can slim linux/amd64 honestly.
 */
function damagingStrips(): string {
  const dir = scratchDir("gantry-damaging-strip-");
  for (const name of ["x86_64-linux-gnu-strip", "strip", "llvm-strip"]) {
    if (!has(name)) continue;
    const real = execFileSync("sh", ["-c", 'command -v "$1"', "sh", name], { encoding: "utf8" }).trim();
    const script = `#!/bin/sh
# Test double (gantry test/slim/unchanged.test.ts): ${name} that damages .rodata after stripping.
"${real}" "$@" || exit $?
out=""; prev=""
for a in "$@"; do [ "$prev" = "-o" ] && out="$a"; prev="$a"; done
[ -n "$out" ] || exit 0
off=$(objdump -h "$out" | awk '$2 == ".rodata" { print $6 }')
[ -n "$off" ] || { echo "test double: no .rodata in $out" >&2; exit 1; }
pos=$((0x$off + 64))
b=$(od -An -tu1 -j "$pos" -N1 "$out" | tr -d ' ')
printf "$(printf '\\\\%03o' $((b ^ 255)))" | dd of="$out" bs=1 seek="$pos" conv=notrunc 2>/dev/null
`;
    writeFileSync(join(dir, name), script);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

describe("a strip that changes a loaded section", () => {
  let doubles: string;
  beforeAll(() => {
    doubles = damagingStrips();
  });
  afterAll(() => rmSync(doubles, { recursive: true, force: true }));
  const env = () => ({ PATH: `${doubles}:${process.env.PATH}` });

  itNeeding(["strip", "objdump", "aarch64-linux-gnu-strip"], "is rejected: the binary, its archive and its manifest entry stay as they were", async () => {
    const ws = workspace();
    const before = { binary: sha(bin(ws, "linux_amd64")), entry: manifestOf(ws).artifacts[1] };
    const r = await runAction("slim", { "report-packages": "false" }, { workspace: ws, env: env() });
    expect(r.code, r.log).toBe(0);
    const warned = r.annotations.filter((a) => a.level === "warning").map((a) => a.message);
    expect(warned).toEqual([
      expect.stringMatching(
        /^dist\/hello_linux_amd64\/hello: not stripped: x86_64-linux-gnu-strip changed what the program loads: section \.rodata has different contents/,
      ),
    ]);
    expect(sha(bin(ws, "linux_amd64"))).toBe(before.binary);
    const entry = manifestOf(ws).artifacts[1];
    expect(entry).toMatchObject({ target: "linux/amd64", sha256: before.binary, "archive-sha256": before.entry?.["archive-sha256"] });
    expect(entry?.slim?.steps).toEqual([]);
    expect(entry?.slim?.["skipped-reason"]).toMatch(/^strip: x86_64-linux-gnu-strip changed what the program loads: section \.rodata has different contents/);
    // The arm64 binary, whose strip is honest, is slimmed in the same run.
    expect(manifestOf(ws).artifacts[0]?.slim?.steps).toEqual(["strip (aarch64-linux-gnu-strip)"]);
  });

  itNeeding(["strip", "objdump"], "with strip: true the step fails naming the rejection, and no file changes", async () => {
    const ws = workspace();
    const before = hashes(ws);
    const r = await runAction("slim", { strip: "true", "report-packages": "false" }, { workspace: ws, env: env() });
    expect(r.code).toBe(1);
    expect(errorOf(r)).toMatch(
      /dist\/hello_linux_amd64\/hello: strip failed: x86_64-linux-gnu-strip changed what the program loads: section \.rodata has different contents/,
    );
    expect(hashes(ws)).toBe(before);
  });
});

describe("a run that fails leaves every file as it was", () => {
  itNeeding(["strip", "aarch64-linux-gnu-strip"], "over the size budget (one target over, the other slimmed)", async () => {
    const ws = workspace();
    const before = hashes(ws);
    const r = await runAction("slim", { "max-size": "linux/amd64=1MB", "report-packages": "false" }, { workspace: ws });
    expect(r.code).toBe(1);
    expect(errorOf(r)).toMatch(
      /over the size budget; no file was changed:\n- dist\/hello_linux_amd64\/hello \(linux\/amd64, [\d.]+ MiB\): [\d.]+ MiB is over max-size 976\.6 KiB/,
    );
    // It did slim both: the report says so, the files do not.
    expect(JSON.parse(r.outputs.report ?? "[]").map((e: { steps: string[] }) => e.steps.length)).toEqual([1, 1]);
    expect(hashes(ws)).toBe(before);
  });

  itNeeding(["strip"], "over the size budget in files mode with keep-original: no .orig, no report file", async () => {
    const ws = workspace();
    const before = hashes(ws);
    const r = await runAction(
      "slim",
      { files: "dist/hello_linux_amd64/hello", "keep-original": "true", "max-size": "1MB", "report-file": "dist/report.json", "report-packages": "false" },
      { workspace: ws },
    );
    expect(r.code).toBe(1);
    expect(errorOf(r)).toMatch(/over the size budget; no file was changed/);
    expect(hashes(ws)).toBe(before);
  });

  itNeeding(["strip", "aarch64-linux-gnu-strip"], "an archive that cannot be rewritten, after the first binary was slimmed", async () => {
    const ws = workspace();
    const archive = manifestOf(ws).artifacts[1] as unknown as { archive: string };
    writeFileSync(join(ws, "dist", archive.archive), "not a tar.gz\n");
    const before = hashes(ws);
    const r = await runAction("slim", { "report-packages": "false" }, { workspace: ws });
    expect(r.code).toBe(1);
    expect(errorOf(r)).toMatch(/hello_.*linux_amd64\.tar\.gz could not be rewritten with the slimmed hello_linux_amd64\/hello \(.*\); no file was changed/);
    expect(hashes(ws)).toBe(before);
  });

  itNeeding(["strip", "aarch64-linux-gnu-strip"], "a manifest whose folder cannot take the report file", async () => {
    const ws = workspace();
    // The report file's path is a folder: staging it fails after every binary was slimmed.
    mkdirSync(join(ws, "dist", "slim-report.json", "x"), { recursive: true });
    const before = hashes(ws);
    const r = await runAction("slim", { "report-packages": "false" }, { workspace: ws });
    expect(r.code).toBe(1);
    expect(hashes(ws)).toBe(before);
  });
});
