import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError, InputReader, mapInputSource } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseGoTestArgs } from "../src/flags.js";
import { GO_TEST_INPUTS, parseGoTestInputs } from "../src/inputs.js";
import { parseServices } from "../src/services.js";
import { splitWords } from "../src/words.js";

const cwd = mkdtempSync(join(tmpdir(), "gantry-go-test-inputs-"));
const read = (values: Record<string, string>) => new InputReader(mapInputSource(values), GO_TEST_INPUTS);
const parseWith = (values: Record<string, string>) => parseGoTestInputs(read(values), cwd);

/** Resolves to the InputError's input name, or "ok". */
async function outcome(values: Record<string, string>): Promise<string> {
  try {
    await parseWith(values);
    return "ok";
  } catch (err) {
    if (err instanceof InputError) return err.input;
    throw err;
  }
}

describe("go-test inputs", () => {
  it("match actions/go-test/action.yml: every input, every default, every output the stage sets", () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const action = parse(readFileSync(resolve(here, "../../../actions/go-test/action.yml"), "utf8")) as {
      inputs: Record<string, { default: string; description: string }>;
      outputs: Record<string, unknown>;
      runs: Record<string, string>;
    };
    expect(Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(v.default)]))).toEqual(GO_TEST_INPUTS);
    for (const v of Object.values(action.inputs)) expect(v.description.length).toBeGreaterThan(10);
    expect(Object.keys(action.outputs).sort()).toEqual(["coverage", "coverage-profile", "failed-tests", "junit", "results"]);
    expect(action.runs).toEqual({ using: "node24", main: "../../dist/go-test/main.js" });
  });

  it("a layer marked with a trailing ? is optional: skipped, not failed, where its tool is missing", async () => {
    const i = await parseWith({ layers: "vet,race?,vuln?,lint" });
    expect(i.layers).toEqual(["vet", "race", "vuln", "lint"]);
    expect(i.optionalLayers).toEqual(["race", "vuln"]);
  });

  it("parses the defaults", async () => {
    const i = await parseWith({});
    expect(i).toMatchObject({
      workingDirectory: cwd,
      packages: ["./..."],
      layers: ["vet", "unit", "race"],
      // The default list is no one's ask: a layer whose tool is missing is skipped with a warning.
      optionalLayers: ["vet", "unit", "race"],
      failFast: true,
      services: [],
      integrationTags: ["integration"],
      e2eTags: ["e2e"],
      e2ePort: 0,
      e2eHealth: "/healthz",
      e2eStartTimeoutMs: 30_000,
      e2eShutdownTimeoutMs: 10_000,
      coverage: false,
      minCoverage: undefined,
      retries: 0,
      shuffle: "off",
      timeout: "",
      count: 0,
      args: [],
      junit: join(cwd, "dist/test-results.xml"),
      coverageProfile: join(cwd, "dist/coverage.out"),
    });
  });

  it.each([
    [{ layers: "unit,fuzz" }, "layers", /not a layer; accepted: vet, unit, race, integration, e2e, vuln, lint/],
    [{ layers: "unit,race,unit" }, "layers", /listed twice/],
    [{ layers: "unit,race??" }, "layers", /"race\?" .*not a layer/],
    [{ layers: "unit,race?,race" }, "layers", /listed twice/],
    [{ "working-directory": "no/such/dir" }, "working-directory", /does not exist/],
    [{ "min-coverage": "101" }, "min-coverage", /from 0 to 100/],
    [{ "min-coverage": "-5" }, "min-coverage", /from 0 to 100/],
    [{ "min-coverage": "80", coverage: "false" }, "min-coverage", /needs coverage: true or auto/],
    [{ "coverage-profile": "c.out", coverage: "false" }, "coverage-profile", /needs coverage: true or auto/],
    [{ coverage: "yes" }, "coverage", /accepted: auto, true, false/],
    [{ retries: "11" }, "retries", /0 to 10/],
    [{ shuffle: "sometimes" }, "shuffle", /off, on, or a seed/],
    [{ timeout: "10" }, "timeout", /Go duration/],
    [{ args: "-race" }, "args", /set by the action: add the race layer/],
    [{ args: "./pkg" }, "args", /written as -name, -name=value or -name value/],
    [{ args: "-failfast -p" }, "args", /-p takes a value: -p=value or -p value/],
    [{ args: "-parralel=2" }, "args", /not a go test flag; nearest: -parallel/],
    [{ "e2e-health": "healthz" }, "e2e-health", /starting with \//],
    [{ "e2e-env": "PORT=1" }, "e2e-env", /set by the action/],
    [{ "e2e-shutdown-timeout": "0s" }, "e2e-shutdown-timeout", /above zero/],
    [{ services: "redis-server | ftp://x" }, "services", /scheme ftp:/],
    [{ services: "redis-server | tcp://127.0.0.1" }, "services", /needs a host and a port/],
    [{ services: "db && migrate" }, "services", /needs a shell/],
    [{ services: "db > log.txt" }, "services", /needs a shell/],
    [{ services: "db | tcp://127.0.0.1:5432 | soon" }, "services", /not a duration/],
    [{ services: "'unterminated" }, "services", /quote is not closed/],
    [{ "integration-tags": "a b!" }, "integration-tags", /letters, digits/],
    [{ packages: "-v" }, "packages", /not flags/],
  ])("rejects %j naming the input", async (values, input, message) => {
    const err = await parseWith(values as Record<string, string>).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe(input);
    expect((err as Error).message).toMatch(message);
  });

  it("measures coverage only when a gate or a profile asks, or coverage is true", async () => {
    expect((await parseWith({})).coverage).toBe(false);
    expect((await parseWith({ "min-coverage": "70" })).coverage).toBe(true);
    expect(await parseWith({ "coverage-profile": "out/c.out" })).toMatchObject({ coverage: true, coverageProfile: join(cwd, "out/c.out") });
    expect(await parseWith({ coverage: "true" })).toMatchObject({ coverage: true, coverageProfile: join(cwd, "dist/coverage.out") });
    expect((await parseWith({ coverage: "false" })).coverage).toBe(false);
  });

  it("accepts what users write", async () => {
    const i = await parseWith({
      layers: " vet , unit,integration,e2e ",
      packages: "./cmd/... ./internal/...",
      "min-coverage": "72.5%",
      args: "-p=2 -failfast '-run=Test(A|B)'",
      timeout: "5m30s",
      shuffle: "12345",
      count: "3",
      "e2e-args": "--config 'my file.yaml'",
      "e2e-env": "GREETING=Hi\nAPI_TOKEN=s3cret",
    });
    expect(i.layers).toEqual(["vet", "unit", "integration", "e2e"]);
    expect(i.optionalLayers).toEqual([]);
    expect(i.packages).toEqual(["./cmd/...", "./internal/..."]);
    expect(i.minCoverage).toBe(72.5);
    expect(i.args).toEqual(["-p=2", "-failfast", "-run=Test(A|B)"]);
    expect(i.e2eArgs).toEqual(["--config", "my file.yaml"]);
    expect(i.e2eEnv).toEqual({ GREETING: "Hi", API_TOKEN: "s3cret" });
  });

  it("masks e2e-env values whose keys look secret", async () => {
    const masked: string[] = [];
    await parseGoTestInputs(read({ "e2e-env": "GREETING=Hello\nDB_PASSWORD=hunter22\nAPI_KEY=abc123" }), cwd, (s) => masked.push(s));
    expect(masked).toEqual(["hunter22", "abc123"]);
  });

  it("masks secrets given to services, in their environment and their arguments", async () => {
    const masked: string[] = [];
    await parseGoTestInputs(read({ services: "PGPASSWORD=pw1 postgres -c log=all\ndocker run -e POSTGRES_PASSWORD=pw2 --name db postgres" }), cwd, (s) =>
      masked.push(s),
    );
    expect(masked).toEqual(["pw1", "pw2"]);
  });

  it("any string in any input gives a value or a clear InputError, never a crash", async () => {
    const names = Object.keys(GO_TEST_INPUTS).filter((n) => n !== "working-directory");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.string({ maxLength: 40 }), async (name, value) => {
        const r = await outcome({ [name]: value });
        expect(["ok", name]).toContain(r);
      }),
      { numRuns: 600 },
    );
  });
});

describe("services", () => {
  it("parses env, command, readiness and timeout", () => {
    const [a, b, c] = parseServices([
      "PORT=18080 HOST=127.0.0.1 go run ./cmd/kvd | http://127.0.0.1:18080/healthz | 1m",
      "redis-server --port 6390 | tcp://127.0.0.1:6390",
      "sleep 'a | b'",
    ]);
    expect(a).toMatchObject({ command: "go", args: ["run", "./cmd/kvd"], env: { PORT: "18080", HOST: "127.0.0.1" }, timeoutMs: 60_000 });
    expect(a?.ready).toMatchObject({ kind: "http", url: "http://127.0.0.1:18080/healthz" });
    expect(a?.label).toBe("services[1] (go run ./cmd/kvd)");
    expect(b?.ready).toMatchObject({ kind: "tcp", host: "127.0.0.1", port: 6390 });
    expect(b?.timeoutMs).toBe(30_000);
    expect(c).toMatchObject({ command: "sleep", args: ["a | b"], ready: undefined });
  });

  it("never puts env values (maybe secrets) in the label", () => {
    expect(parseServices(["DB_PASSWORD=hunter2 postgres"])[0]?.label).not.toContain("hunter2");
  });
});

describe("words and flags", () => {
  it("splits like a shell without being one", () => {
    expect(splitWords(`a "b c" 'd"e' f\\ g $HOME`).map((w) => w.text)).toEqual(["a", "b c", 'd"e', "f g", "$HOME"]);
  });

  it("a flag's value may be the next word, as go test takes it: -run TestX is -run=TestX", () => {
    expect(parseGoTestArgs("-run TestX -v -p 2")).toEqual(["-run=TestX", "-v", "-p=2"]);
    expect(parseGoTestArgs("-failfast -bench . -benchmem")).toEqual(["-failfast", "-bench=.", "-benchmem"]);
  });

  it("any string gives words or a WordsError, and args gives flags or an InputError", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        try {
          for (const f of parseGoTestArgs(text)) expect(f.startsWith("-")).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
