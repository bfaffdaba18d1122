import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docFiles } from "../../bench/blocks.js";
import { REPO } from "../harness.js";
import { proseFigures } from "./prose-figures.js";

// Measured figures live in the generated bench blocks (rendered from bench/results.json), never in hand-written prose.
describe("README prose holds no measured figure", () => {
  const readmes = docFiles(REPO).filter((d) => d === "README.md" || /^actions\/[^/]+\/README\.md$/.test(d));

  it("in README.md and every actions/*/README.md, outside the generated blocks, code and input tables", () => {
    expect(readmes).toContain("README.md");
    expect(readmes.length).toBeGreaterThan(5);
    const found = readmes.flatMap((doc) => proseFigures(readFileSync(join(REPO, doc), "utf8")).map((f) => `${doc}:${f.line}: ${f.figure} in "${f.text}"`));
    expect(found).toEqual([]);
  });

  it("refuses a measured figure, as the go-build README's prose had one", () => {
    const prose = [
      "The cold figures of that run are not a fair ranking, so the 1.40× says more about the load than about either tool.",
      "keeps `go mod verify`'s pass (it was 2.2 s of a 5 s warm rebuild before).",
      "compressing is the one slow step (about 0.22 s of CPU for each 22 MB binary); level 2 gave 2.7% smaller layers.",
    ].join("\n");
    expect(proseFigures(prose).map((f) => f.figure)).toEqual(["1.40×", "2.2 s", "5 s", "0.22 s", "22 MB", "2.7%"]);
  });

  it("allows settings, defaults, limits and targets, code, input tables and the generated blocks", () => {
    const allowed = [
      "`timeout` default `5m`, and `max-size: 8MB`; the timeout defaults to 30s.",
      "it reads the counters every 50 ms; verify windows of 1 s (not the 30 s default); GitHub's 1 MiB limit; the ≥ 5× target.",
      "a canary starting at 5% (target: about 3 × one host, plus less than 1 s per host); the 502s below.",
      "| input | default | |",
      "|---|---|---|",
      "| `smoke-timeout` | `10s` | 10 s at most |",
      "",
      "<!-- bench-rows:x.bench.ts:start (generated) -->",
      "| cold | 160.3 s (1.03×) | ≤ 1.0× ✗ |",
      "<!-- bench-rows:end -->",
      "```sh",
      "sleep 2s # 3 MiB",
      "```",
    ].join("\n");
    expect(proseFigures(allowed)).toEqual([]);
    // A table that is not about inputs is prose like any other.
    expect(proseFigures("| what | took |\n|---|---|\n| build | 2.3 s |").map((f) => f.line)).toEqual([3]);
  });
});

// The slim README says which UPX behaviours were checked against the real UPX and which only against the stand-in.
it("the slim README names the UPX stand-in every UPX test runs, and says nothing was checked against the real UPX", () => {
  const readme = readFileSync(join(REPO, "actions/slim/README.md"), "utf8");
  const tests = ["test/slim/upx.test.ts", "packages/slim/test/upx.test.ts"].map((f) => readFileSync(join(REPO, f), "utf8"));
  // While every UPX test imports the stand-in, no behaviour was checked against the real UPX: the README must say so.
  expect(tests.every((t) => t.includes("upx-standin.js"))).toBe(true);
  expect(readme).toContain("`test/slim/upx-standin.ts`");
  expect(readme).toMatch(/Nothing here was checked against the real UPX/);
  for (const test of ["`test/slim/upx.test.ts`", "`packages/slim/test/upx.test.ts`"]) expect(readme).toContain(test);
});
