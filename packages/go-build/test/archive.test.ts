import { scratchDir } from "../../../test/support/scratch.js";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { sha256 } from "@gantry/core";
import { tarGz, zip } from "../src/archive.js";

function files(): { dir: string; bin: string; doc: string } {
  const dir = scratchDir("gantry-archive-");
  writeFileSync(join(dir, "app"), "binary bytes", { mode: 0o700 });
  writeFileSync(join(dir, "LICENSE"), "MIT");
  return { dir, bin: join(dir, "app"), doc: join(dir, "LICENSE") };
}

describe("archives are reproducible", () => {
  it("tar.gz: same bytes whatever the order given; sorted, parents first, uid/gid 0, fixed mtime and gzip header", async () => {
    const { dir, bin, doc } = files();
    const a = await tarGz(
      [
        { name: "app", source: bin, mode: 0o755 },
        { name: "docs/LICENSE", source: doc, mode: 0o644 },
      ],
      1_700_000_000,
    );
    const b = await tarGz(
      [
        { name: "docs/LICENSE", source: doc, mode: 0o644 },
        { name: "app", source: bin, mode: 0o755 },
      ],
      1_700_000_000,
    );
    expect(sha256(a)).toBe(sha256(b));
    expect([...a.subarray(4, 10)]).toEqual([0, 0, 0, 0, 0, 255]); // mtime 0, no extra flags, OS unknown (as Go's compress/gzip writes)
    const path = join(dir, "x.tar.gz");
    writeFileSync(path, a);
    const listing = execFileSync("tar", ["--numeric-owner", "-tvzf", path], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
    expect(
      listing
        .split("\n")
        .filter(Boolean)
        .map((l) => l.split(/\s+/).slice(0, 2).concat(l.split(/\s+/).slice(-3))),
    ).toEqual([
      ["-rwxr-xr-x", "0/0", "2023-11-14", "22:13", "app"],
      ["drwxr-xr-x", "0/0", "2023-11-14", "22:13", "docs/"],
      ["-rw-r--r--", "0/0", "2023-11-14", "22:13", "docs/LICENSE"],
    ]);
    expect(gunzipSync(a).length % 512).toBe(0);
  });

  it("zip: the same bytes in any time zone, with unix modes", async () => {
    const { dir, bin, doc } = files();
    const entries = [
      { name: "app.exe", source: bin, mode: 0o755 },
      { name: "LICENSE", source: doc, mode: 0o644 },
    ];
    const here = await zip(entries, 1_700_000_000);
    const script = `(async () => {
      const { zip } = await import(${JSON.stringify(new URL("../src/archive.ts", import.meta.url).pathname)});
      const z = await zip(${JSON.stringify(entries)}, 1700000000);
      process.stdout.write(Buffer.from(z).toString("base64"));
    })();`;
    for (const tz of ["Asia/Kolkata", "America/Los_Angeles"]) {
      const other = execFileSync("npx", ["tsx", "--eval", script], { encoding: "utf8", env: { ...process.env, TZ: tz } });
      expect(sha256(Buffer.from(other, "base64"))).toBe(sha256(here));
    }
    const path = join(dir, "x.zip");
    writeFileSync(path, here);
    const listing = execFileSync("unzip", ["-Z", path], { encoding: "utf8" });
    expect(listing).toMatch(/-rwxr-xr-x .* app\.exe/);
    expect(listing).toMatch(/23-Nov-14 22:13 LICENSE/);
  });
});
