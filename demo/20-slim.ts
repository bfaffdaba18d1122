import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type DemoContext, gantry } from "./lib.js";

const TARGETS = "linux/amd64,linux/arm64,linux/arm/v7,windows/amd64,darwin/arm64";
const MiB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Slims the example service two ways. First go-build's own output (linked with -s -w): slim finds
 * nothing left to strip, packs with UPX where it is installed and safe, runs each binary it can
 * (arm through qemu-user), records the result in the manifest and checks a size budget. Then a
 * build that kept its symbols: slim strips each with a strip that understands it (the PE with
 * the mingw strip, arm64 with the aarch64 one), leaves darwin alone, and lists the packages that
 * make the binary big.
 */
export default async function slimDemo(ctx: DemoContext): Promise<void> {
  const manifest = ctx.shared.manifest ?? join(ctx.work, "dist", "artifacts.json");
  // The Gin service (issue 11) linked with -s -w is about 22 MB on linux/amd64 (the standard-library
  // service was under 8 MB): a budget with room for the next dependency, not for the next framework.
  const budget = { "max-size": "linux/amd64=32MB, linux/arm64=32MB, linux/arm=32MB, windows/amd64=32MB, darwin/arm64=32MB" };
  const main = await gantry("slim", { manifest, ...budget }, { cwd: ctx.work });
  if (main.code !== 0) throw new Error("slim failed on go-build's output");

  process.stderr.write("\n── the same service built with symbols (go-build strip: false), then slimmed ──\n");
  const full = await gantry(
    "go-build",
    { targets: TARGETS, version: "v1.0.0", strip: "false", "out-dir": "dist-symbols", archive: "none", "mod-check": "off" },
    { cwd: ctx.work, quiet: true, env: { ...process.env, SOURCE_DATE_EPOCH: "1764028800" } },
  );
  if (full.code !== 0) throw new Error(`go-build (strip: false) failed:\n${full.stderr}`);
  const slimmed = await gantry("slim", { manifest: full.outputs.manifest as string }, { cwd: ctx.work });
  if (slimmed.code !== 0) throw new Error("slim failed on the build with symbols");

  const withSymbols = JSON.parse(slimmed.outputs.report ?? "[]") as { target: string; before: number; after: number }[];
  const linked = JSON.parse(readFileSync(manifest, "utf8")).artifacts as { target: string; size: number; slim?: { before: number } }[];
  process.stderr.write("\nlinux/amd64, three ways:\n");
  const amd = withSymbols.find((r) => r.target === "linux/amd64");
  const sw = linked.find((a) => a.target === "linux/amd64");
  if (amd && sw) {
    process.stderr.write(
      [
        `  default build (symbols, DWARF):  ${MiB(amd.before)}`,
        `  after slim's strip:              ${MiB(amd.after)} (${(((amd.after - amd.before) / amd.before) * 100).toFixed(1)}%)`,
        `  linked with -s -w (go-build):    ${MiB(sw.slim?.before ?? sw.size)} (${((((sw.slim?.before ?? sw.size) - amd.before) / amd.before) * 100).toFixed(1)}%)`,
        "",
      ].join("\n"),
    );
  }
  ctx.shared.slimReport = join(ctx.work, "dist", "slim-report.json");
}
