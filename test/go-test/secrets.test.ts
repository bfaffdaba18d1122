/**
 * go-test masks the secrets a service definition carries (issue 10): `KEY=…` in its environment,
 * docker-style `-e KEY=…` and `--env=KEY=…`, redis' `--requirepass …` and a URL's password. They
 * are registered as masks before anything else is printed, and never appear in the log, the
 * summary, the annotations, the outputs or JUnit, even when a failing test prints one.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@gantry/core";
import { beforeAll, expect, it } from "vitest";
import { type ActionRun, fixtureCopy, runAction } from "../harness.js";
import { describeNeeding } from "../tools.js";

const ws = fixtureCopy("go-test-module");
const leaky = join(ws, "leaky");

const SECRETS = {
  env: "pg-s3cret-in-env",
  dashE: "redis-s3cret-after-e",
  envFlag: "db-s3cret-in-env-flag",
  requirepass: "s3cret-requirepass",
  // Percent-encoded in the URL: masked as written and decoded.
  url: "url-s3cret%21pw",
  urlDecoded: "url-s3cret!pw",
};
const DSN = `postgres://app:${SECRETS.url}@127.0.0.1:5432/app`;

/** A service line carrying every kind of secret; kvd (the fixture's service) ignores the arguments. */
const serviceLine = (port: number, ready: number) =>
  `PORT=${port} POSTGRES_PASSWORD=${SECRETS.env} ./kvd -e REDIS_PASSWORD=${SECRETS.dashE} --env=DB_PASSWORD=${SECRETS.envFlag} --requirepass ${SECRETS.requirepass} ${DSN} | http://127.0.0.1:${ready}/healthz | 20s`;

/** The runner's escaping of `::add-mask::` data (percent signs, CR, LF). */
const escaped = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

function expectNoSecret(r: ActionRun, extra: string[] = []): void {
  const lines = r.log.split("\n");
  for (const secret of Object.values(SECRETS)) {
    // Masked first: the runner hides it from every later line of the log.
    const maskAt = lines.indexOf(`::add-mask::${escaped(secret)}`);
    expect(maskAt, `${secret} is registered as a mask`).toBeGreaterThanOrEqual(0);
    expect(
      lines.filter((l) => l.includes(secret) && !l.startsWith("::add-mask::")),
      `lines printing ${secret}`,
    ).toEqual([]);
    expect(r.summary, `summary holds ${secret}`).not.toContain(secret);
    expect(JSON.stringify(r.annotations), `annotations hold ${secret}`).not.toContain(secret);
    expect(JSON.stringify(r.outputs), `outputs hold ${secret}`).not.toContain(secret);
    for (const file of extra) expect(readFileSync(file, "utf8"), `${file} holds ${secret}`).not.toContain(secret);
  }
  // Every mask comes before the first line gantry itself prints.
  const firstOwn = lines.findIndex((l) => l.startsWith("go-test:") || l.startsWith("::group::"));
  const lastMask = lines.map((l) => l.startsWith("::add-mask::")).lastIndexOf(true);
  expect(lastMask).toBeLessThan(firstOwn);
}

describeNeeding(["go"], "go-test with secrets in its services", () => {
  beforeAll(() => {
    // A module whose failing test prints the DSN it was given, password and all; kvd beside it.
    mkdirSync(leaky, { recursive: true });
    execFileSync("go", ["build", "-o", join(leaky, "kvd"), "./cmd/kvd"], { cwd: ws, stdio: "inherit" });
    writeFileSync(join(leaky, "go.mod"), "module example.com/leaky\n\ngo 1.22\n");
    writeFileSync(
      join(leaky, "leaky_test.go"),
      `package leaky

import (
\t"os"
\t"testing"
)

func TestDatabase(t *testing.T) {
\tt.Logf("connecting to %s", os.Getenv("DSN"))
\tt.Errorf("cannot reach %s", os.Getenv("DSN"))
}
`,
    );
  });

  it("a failing run with a ready service: no secret in the log, summary, annotations, outputs or JUnit", async () => {
    const port = await freePort();
    const r = await runAction(
      "go-test",
      { "working-directory": "leaky", layers: "unit", services: serviceLine(port, port), coverage: "false", junit: "results.xml" },
      { workspace: ws, env: { DSN } },
    );
    expect(r.code, r.log).toBe(1);
    const junit = join(ws, "results.xml");
    expect(existsSync(junit)).toBe(true);
    expectNoSecret(r, [junit]);
    // What was printed is still useful: the service named with its secrets cut out, the failure in place.
    expect(r.log).toMatch(/services\[1\] \(\.\/kvd -e REDIS_PASSWORD=\*\*\* --env=DB_PASSWORD=\*\*\* --requi…\): ready at http:/);
    expect(r.annotations.find((a) => a.properties.file === "leaky/leaky_test.go")?.message).toBe("connecting to postgres://app:***@127.0.0.1:5432/app");
    expect(readFileSync(junit, "utf8")).toContain("cannot reach postgres://app:***@127.0.0.1:5432/app");
    expect(r.summary).toContain("services[1] (");
  });

  it("a service that is never ready: the step's error names it without its secrets", async () => {
    const [port, wrong] = [await freePort(), await freePort()];
    const r = await runAction(
      "go-test",
      { "working-directory": "leaky", layers: "unit", services: serviceLine(port, wrong).replace("| 20s", "| 2s") },
      { workspace: ws, env: { DSN } },
    );
    expect(r.code).toBe(1);
    expect(r.annotations.find((a) => a.level === "error")?.message).toMatch(
      /services\[1\] \(\.\/kvd -e REDIS_PASSWORD=\*\*\* --env=DB_PASSWORD=\*\*\* --requi…\) was not ready at http:/,
    );
    expectNoSecret(r);
  });
});
