/** The journal is a file on a host: its app name and versions are checked like inputs before they reach a path, nginx's Lua include or PromQL. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type JournalDoc, Journal } from "../src/engine/journal.js";
import { LocalHost } from "../src/hosts/localhost.js";

const good: JournalDoc = {
  schema: 1,
  app: "hello",
  active: { color: "green", port: 8082, version: "v2", pid: 100 },
  previous: { version: "v1", color: "blue" },
  cutover: {
    id: "r1",
    command: "deploy",
    phase: "verifying",
    from: { color: "green", port: 8082, version: "v2" },
    to: { color: "blue", port: 8081, version: "v3" },
    strategy: "canary",
    steps: [5, 100],
    transitions: [],
    deployer: { machine: "m", pid: 1 },
  },
  history: [{ id: "r0", at: "2026-12-01T00:00:00Z", command: "deploy", version: "v2", color: "green", fromVersion: "v1", outcome: "promoted" }],
};

const dir = mkdtempSync(join(tmpdir(), "gantry-journal-"));

/** Reads a journal.json holding `doc` with one value replaced at `path`. */
async function read(path: string[], value: unknown): Promise<JournalDoc> {
  const doc = structuredClone(good) as unknown as Record<string, unknown>;
  let at = doc;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1) as string] = value;
  writeFileSync(join(dir, "journal.json"), JSON.stringify(doc));
  return new Journal(new LocalHost(), dir).read("hello");
}

describe("values read from the journal are checked like inputs", () => {
  it("reads a good journal", async () => {
    expect(await read(["app"], "hello")).toEqual(good);
  });

  const hostile = ['hello"}', "a\\b", ".*", 'v1"} or vector(1) or up{a="', "v1\nv2", "../../etc", "", "x;lua_code_cache off;"];
  it.each([
    [["app"], /journal\.json on local: app (".*"|42) is not valid; accepted: letters, digits, '\.', '_' and '-'/],
    [["active", "version"], /journal\.json on local: active\.version (".*"|42) is not valid; accepted: letters, digits and \. _ \+ -/],
    [["previous", "version"], /previous\.version (".*"|42) is not valid/],
    [["cutover", "from", "version"], /cutover\.from\.version (".*"|42) is not valid/],
    [["cutover", "to", "version"], /cutover\.to\.version (".*"|42) is not valid/],
    [["history", "0", "version"], /history\[0\]\.version (".*"|42) is not valid/],
    [["history", "0", "fromVersion"], /history\[0\]\.fromVersion (".*"|42) is not valid/],
  ])("refuses a hostile %j, naming the file, the field and what is accepted", async (path, message) => {
    for (const value of hostile) await expect(read(path, value), JSON.stringify(value)).rejects.toThrow(message);
    await expect(read(path, 42)).rejects.toThrow(message);
  });

  it.each([
    [["active", "color"], "red", /active\.color "red" is not valid; accepted: blue, green/],
    [["previous", "color"], 'blue"}', /previous\.color "blue\\"}" is not valid/],
    [["cutover", "to", "color"], "", /cutover\.to\.color "" is not valid/],
    [["active", "port"], "8081;", /active\.port "8081;" is not valid; accepted: a TCP port/],
    [["cutover", "from", "port"], 70000, /cutover\.from\.port 70000 is not valid/],
    [["cutover", "to"], null, /cutover\.to is not a slot/],
  ])("refuses %j %j", async (path, value, message) => {
    await expect(read(path, value)).rejects.toThrow(message);
  });
});
