import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { escapeModulePath, recordVerified, sumModules, verdictKey, verifiedBefore } from "../src/modverdict.js";

const root = mkdtempSync(join(tmpdir(), "gantry-verdict-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SUM = ["github.com/BurntSushi/toml v1.4.0 h1:x=", "github.com/BurntSushi/toml v1.4.0/go.mod h1:y=", "golang.org/x/text v0.20.0/go.mod h1:z=", ""].join(
  "\n",
);

/** A module folder with go.mod and go.sum, and a module cache holding the one module go.sum pins the code of. */
function fixture(name: string) {
  const moduleDir = join(root, name, "src");
  const gomodcache = join(root, name, "mod");
  mkdirSync(moduleDir, { recursive: true });
  writeFileSync(join(moduleDir, "go.mod"), "module example.com/x\n");
  writeFileSync(join(moduleDir, "go.sum"), SUM);
  const zipDir = join(gomodcache, "cache", "download", "github.com", "!burnt!sushi", "toml", "@v");
  mkdirSync(zipDir, { recursive: true });
  writeFileSync(join(zipDir, "v1.4.0.zip"), "zip");
  mkdirSync(join(gomodcache, "github.com", "!burnt!sushi", "toml@v1.4.0"), { recursive: true });
  return { moduleDir, gomodcache, zip: join(zipDir, "v1.4.0.zip"), input: { goVersion: "1.26.8", moduleDir, gomodcache, env: {} } };
}

describe("go mod verify's kept verdict", () => {
  it("escapes module paths as the module cache does, and reads the modules whose code go.sum pins", () => {
    expect(escapeModulePath("github.com/BurntSushi/toml")).toBe("github.com/!burnt!sushi/toml");
    expect(sumModules(SUM)).toEqual([["github.com/BurntSushi/toml", "v1.4.0"]]);
  });

  it("keeps its key while nothing changes, and records a pass under it", async () => {
    const f = fixture("same");
    const key = await verdictKey(f.input);
    expect(await verdictKey(f.input)).toBe(key);
    const gocache = join(root, "same", "gocache");
    expect(await verifiedBefore(gocache, key)).toBe(false);
    await recordVerified(gocache, key);
    expect(await verifiedBefore(gocache, key)).toBe(true);
  });

  it("changes with go.sum, the Go version, GOFLAGS, and a module copy written again (its ctime)", async () => {
    const f = fixture("changes");
    const key = await verdictKey(f.input);
    expect(await verdictKey({ ...f.input, goVersion: "1.26.9" })).not.toBe(key);
    expect(await verdictKey({ ...f.input, env: { GOFLAGS: "-mod=mod" } })).not.toBe(key);
    // chmod changes only the ctime, as a restore (tar) or a new download does: no clock, no size change.
    chmodSync(f.zip, 0o444);
    const rewritten = await verdictKey(f.input);
    expect(rewritten).not.toBe(key);
    writeFileSync(join(f.moduleDir, "go.sum"), `${SUM}example.com/y v1.0.0 h1:w=\n`);
    expect(await verdictKey(f.input)).not.toBe(rewritten);
  });

  it("sees a module copy removed", async () => {
    const f = fixture("removed");
    const key = await verdictKey(f.input);
    rmSync(f.zip);
    expect(await verdictKey(f.input)).not.toBe(key);
  });
});
