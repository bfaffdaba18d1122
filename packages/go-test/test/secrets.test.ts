import { InputError } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { argSecrets, envSecrets, redactor } from "../src/secrets.js";
import { parseServices } from "../src/services.js";

describe("the secrets a service definition carries", () => {
  it.each([
    ["-e KEY=value (docker run)", ["-e", "POSTGRES_PASSWORD=pw1"], ["pw1"]],
    ["--env=KEY=value", ["--env=DB_PASSWORD=pw2"], ["pw2"]],
    ["-eKEY=value", ["-eAPI_KEY=k3"], ["k3"]],
    ["a bare KEY=value argument", ["GITHUB_TOKEN=t4"], ["t4"]],
    ["redis' --requirepass value", ["--requirepass", "r5"], ["r5"]],
    ["--password=value", ["--password=p6"], ["p6"]],
    ["--auth-token value", ["--auth-token", "a7"], ["a7"]],
    ["a URL's password, as written and decoded", ["postgres://app:p%40ss@db:5432/x"], ["p%40ss", "p@ss"]],
    ["a URL inside a flag", ["--dsn=redis://:rp9@127.0.0.1:6379/0"], ["rp9"]],
    ["nothing secret", ["--port", "5432", "PORT=5432", "http://127.0.0.1:8080/healthz", "-e", "MODE=test"], []],
    ["a secret flag followed by another flag", ["--requirepass", "--port", "1"], []],
  ])("%s", (_name, args, want) => {
    expect(argSecrets(args)).toEqual(want);
  });

  it("takes env values by their names, and URL passwords in any value", () => {
    expect(envSecrets({ PGPASSWORD: "x1", PORT: "5432", CACHE_URL: "redis://u:x2@h/0", EMPTY_SECRET: "" })).toEqual(["x1", "x2"]);
    // The names deploy masked and go-test did not (one rule in core now).
    expect(envSecrets({ DATABASE_URL: "postgres://h/db", SENTRY_DSN: "d1", GPG_PASSPHRASE: "p1", AWS_ACCESS_KEY_ID: "a1", SIGNING_KEY: "k1" })).toEqual([
      "postgres://h/db",
      "d1",
      "p1",
      "a1",
      "k1",
    ]);
    expect(argSecrets(["-e", "SENTRY_DSN=d2", "--env=DATABASE_URL=postgres://h/db2", "AWS_ACCESS_KEY_ID=a2"])).toEqual(["d2", "postgres://h/db2", "a2"]);
  });

  it("a services line: its secrets are listed and cut from its label", () => {
    const [s] = parseServices(["PGPASSWORD=pw kvd --requirepass rp postgres://u:up@h/db | tcp://127.0.0.1:5432"]);
    expect(s?.secrets.sort()).toEqual(["pw", "rp", "up"]);
    expect(s?.label).toBe("services[1] (kvd --requirepass *** postgres://u:***@h/db)");
  });

  it("a services line that is not valid: the error quotes it without its secrets", () => {
    const err = (() => {
      try {
        parseServices(["PGPASSWORD=hunter22 kvd --requirepass rp-secret | not a url"]);
      } catch (e) {
        return e as InputError;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect(err?.message).toMatch(/^input 'services': "PGPASSWORD=\*\*\* kvd --requirepass \*\*\* \| not a url" is not valid/);
    expect(err?.message).not.toMatch(/hunter22|rp-secret/);
  });

  it("redacts the longest secret first", () => {
    expect(redactor(["ab", "abcd"])("x abcd ab")).toBe("x *** ***");
    expect(redactor([])("abc")).toBe("abc");
  });
});
