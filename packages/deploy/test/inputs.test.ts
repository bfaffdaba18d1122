import { InputError, InputReader, MemoryReporter, type RunContext, mapInputSource } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitCommandLine } from "../src/routers/cmdline.js";
import { DEPLOY_INPUTS, parseDeployInputs, parsePorts, parseSteps } from "../src/inputs.js";
import { deployStage } from "../src/stage.js";

const parse = (values: Record<string, string>) => parseDeployInputs(new InputReader(mapInputSource(values), DEPLOY_INPUTS), "/work");

/** The error a parse throws, or undefined. */
function errorOf(values: Record<string, string>): InputError | undefined {
  try {
    parse(values);
    return undefined;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
}

describe("deploy inputs", () => {
  it("has the defaults of issue 6", () => {
    const i = parse({});
    expect(i).toMatchObject({
      command: "deploy",
      ports: { blue: 8081, green: 8082 },
      runtime: "process",
      strategy: "blue-green",
      steps: [100],
      health: { path: "/healthz", successes: 3, timeoutMs: 60_000, intervalMs: 500 },
      verifyWindowMs: 30_000,
      maxErrorRate: 1,
      maxP95Ms: undefined,
      drainTimeoutMs: 30_000,
      stateDir: "/var/lib/gantry/{app}",
      keepReleases: 5,
      router: { kind: "haproxy", socket: "/run/haproxy/admin.sock", backend: "app", stateFile: "" },
    });
    expect(parse({ strategy: "canary" }).steps).toEqual([5, 25, 50, 100]);
  });

  it.each([
    [{ strategy: "rolling" }, "strategy", /accepted: blue-green, canary/],
    [{ router: "traefik" }, "router", /accepted: haproxy, nginx/],
    [{ runtime: "kubernetes" }, "runtime", /accepted: process, docker, supervisor or systemd/],
    [{ "systemd-unit": "LimitNOFILE=1024" }, "systemd-unit", /applies to runtime: systemd only/],
    [{ runtime: "systemd", "systemd-unit": "[Socket]" }, "systemd-unit", /unknown section/],
    [{ runtime: "systemd", "systemd-unit": "ExecStart=/bin/sh" }, "systemd-unit", /gantry sets ExecStart itself/],
    [{ runtime: "systemd", "systemd-unit": "Limit-NOFILE=1" }, "systemd-unit", /a directive name is letters only/],
    [{ runtime: "systemd", "state-dir": "/var/lib/my app" }, "state-dir", /runtime: systemd names it in its units/],
    [{ runtime: "docker", "docker-host": "tcp://10.0.0.5:2375" }, "docker-host", /unix:\/\/\/path/],
    [{ runtime: "docker", "docker-host": "ssh://web-1" }, "docker-host", /tcp:\/\/127\.0\.0\.1/],
    [{ runtime: "process", "image-archive": "dist/image.tar" }, "image-archive", /applies to runtime: docker only/],
    [
      { runtime: "docker", artifact: "--privileged" },
      "artifact",
      /"--privileged" is not valid; an image reference cannot begin with '-' .*accepted: e\.g\. ghcr\.io/,
    ],
    [{ runtime: "docker", artifact: "-v/:/host" }, "artifact", /cannot begin with '-'/],
    [{ runtime: "docker", artifact: "Hello World" }, "artifact", /accepted: an image reference/],
    [{ command: "undo" }, "command", /accepted: deploy, rollback, status/],
    [{ strategy: "canary", "canary-steps": "5,25,50" }, "canary-steps", /the last step must be 100/],
    [{ strategy: "canary", "canary-steps": "50,25,100" }, "canary-steps", /steps must increase \(50 then 25\)/],
    [{ strategy: "canary", "canary-steps": "0,100" }, "canary-steps", /from 1 to 100/],
    [{ "verify-window": "30" }, "verify-window", /a number with a unit/],
    [{ "health-timeout": "5m30" }, "health-timeout", /a number with a unit/],
    [{ "drain-timeout": "-1s" }, "drain-timeout", /a number with a unit/],
    [{ ports: "8081" }, "ports", /two different ports/],
    [{ ports: "8081,8081" }, "ports", /two different ports/],
    [{ ports: "8081,70000" }, "ports", /two different ports/],
    [{ "max-error-rate": "150%" }, "max-error-rate", /from 0 to 100/],
    [{ "health-path": "healthz" }, "health-path", /starting with \//],
    [{ "health-path": "/a b" }, "health-path", /without spaces/],
    [{ "haproxy-backend": "app; disable server x" }, "haproxy-backend", /HAProxy backend name/],
    [{ router: "nginx" }, "nginx-upstream-file", /required with router: nginx/],
    [{ router: "nginx", "nginx-upstream-file": "/u.conf", "nginx-reload-command": "nginx -s 'reload" }, "nginx-reload-command", /quote is not closed/],
    [{ router: "nginx", "nginx-upstream-file": "/u.conf", "nginx-mode": "reloadless" }, "nginx-mode", /accepted: reload, lua, auto/],
    [{ router: "nginx", "nginx-mode": "lua", "nginx-admin-token": "0123456789abcdef0123456789abcdef" }, "nginx-lua-include", /required with nginx-mode: lua/],
    [{ router: "nginx", "nginx-mode": "lua", "nginx-lua-include": "/g.conf" }, "nginx-admin-token", /at least 32 printable/],
    [{ router: "nginx", "nginx-mode": "lua", "nginx-lua-include": "/g.conf", "nginx-admin-token": "short" }, "nginx-admin-token", /at least 32/],
    [
      {
        router: "nginx",
        "nginx-mode": "lua",
        "nginx-lua-include": "/g.conf",
        "nginx-admin-token": "0123456789abcdef0123456789abcdef",
        "nginx-admin-socket": "/run/a b.sock",
      },
      "nginx-admin-socket",
      /without spaces/,
    ],
    [{ env: "PORT=1" }, "env", /PORT is set by gantry/],
    [{ env: "1X=1" }, "env", /KEY made of letters/],
    [{ app: "../etc" }, "app", /letters, digits/],
    [{ version: "v1/../../x" }, "version", /it names a folder/],
    [{ "keep-releases": "0" }, "keep-releases", /from 1 to 1000/],
  ])("rejects %j naming the input", (values, input, accepted) => {
    const err = errorOf(values);
    expect(err?.input).toBe(input);
    expect(err?.message).toMatch(accepted);
  });

  it("takes runtime: docker with an image reference as the artifact, not a path", () => {
    const i = parse({ runtime: "docker", artifact: "ghcr.io/acme/hello:v1", "docker-host": "unix:///run/docker.sock" });
    expect(i).toMatchObject({ runtime: "docker", artifact: "ghcr.io/acme/hello:v1", dockerHost: "unix:///run/docker.sock" });
    const fleet = parse({
      runtime: "docker",
      artifact: "hello:v1",
      hosts: "deploy@web-1",
      "ssh-insecure-skip-host-key-check": "true",
      "image-archive": "dist/v1.tar",
    });
    expect(fleet.imageArchive).toMatch(/^\/.*\/dist\/v1\.tar$/);
    expect(fleet.remote.hosts).toHaveLength(1);
    expect(parse({ artifact: "bin/hello" }).artifact).toBe("/work/bin/hello");
  });

  it("reads nginx settings with a quoted reload command", () => {
    const i = parse({ router: "nginx", "nginx-upstream-file": "up.conf", "nginx-reload-command": `nginx -p /srv/x -g "pid /run/x.pid;" -s reload` });
    expect(i.router).toEqual({
      kind: "nginx",
      upstreamFile: "/work/up.conf",
      reloadCommand: ["nginx", "-p", "/srv/x", "-g", "pid /run/x.pid;", "-s", "reload"],
      pidFile: "/run/nginx.pid",
      accessLog: "",
      mode: "reload",
      luaInclude: "",
      adminSocket: "/run/gantry/{app}-nginx.sock",
      adminToken: "",
    });
  });

  it("reads nginx-mode: lua without an upstream file, and never echoes a bad token", () => {
    const i = parse({ router: "nginx", "nginx-mode": "lua", "nginx-lua-include": "g.conf", "nginx-admin-token": "0123456789abcdef0123456789abcdef" });
    expect(i.router).toMatchObject({ mode: "lua", upstreamFile: "", luaInclude: "/work/g.conf", adminToken: "0123456789abcdef0123456789abcdef" });
    const err = errorOf({ router: "nginx", "nginx-mode": "lua", "nginx-lua-include": "/g.conf", "nginx-admin-token": "secret with spaces" });
    expect(err?.message).not.toContain("secret with spaces");
  });

  it("refuses an nginx-admin-token shorter than 32 characters, saying its length, never its value", () => {
    const short = "s3cr3t-0123456789abcdef-0123456"; // 31 characters
    for (const mode of ["lua", "auto"]) {
      const err = errorOf({
        router: "nginx",
        "nginx-mode": mode,
        "nginx-upstream-file": "/u.conf",
        "nginx-lua-include": "/g.conf",
        "nginx-admin-token": short,
      });
      expect(err?.input).toBe("nginx-admin-token");
      expect(err?.message).toContain("(hidden, 31 characters)");
      expect(err?.message).toContain("at least 32 printable characters");
      expect(err?.message).not.toContain(short);
    }
    const ok = parse({ router: "nginx", "nginx-mode": "lua", "nginx-lua-include": "/g.conf", "nginx-admin-token": `${short}7` });
    expect(ok.router).toMatchObject({ adminToken: `${short}7` });
  });

  const inputNames = Object.keys(DEPLOY_INPUTS);
  it("any text in any input gives inputs or an InputError, never a crash", () => {
    fc.assert(
      fc.property(fc.constantFrom(...inputNames), fc.string({ maxLength: 40 }), (name, value) => {
        try {
          parse({ [name]: value });
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).message).toMatch(/^input '[a-z0-9-]+': .* is not valid; /);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("canary steps: accepted lists are increasing and end at 100", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 120 }), { maxLength: 6 }), (xs) => {
        let steps: number[] | undefined;
        try {
          steps = parseSteps(xs.join(","));
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          return;
        }
        expect(steps.at(-1)).toBe(100);
        for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1] as number);
      }),
    );
  });

  it("ports: accepted pairs are two different ports", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 15 }), (text) => {
        try {
          const p = parsePorts(text);
          expect(p.blue).not.toBe(p.green);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
        }
      }),
    );
  });

  it("command lines split into words without any expansion", () => {
    expect(splitCommandLine(`nginx -s reload`)).toEqual(["nginx", "-s", "reload"]);
    expect(splitCommandLine(`a "b c" 'd "e"' $HOME; rm`)).toEqual(["a", "b c", 'd "e"', "$HOME;", "rm"]);
    expect(splitCommandLine("  ")).toEqual({ error: "it is empty" });
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9/._$;|&-]{1,8}$/), { minLength: 1, maxLength: 5 }), (words) => {
        expect(splitCommandLine(words.map((w) => `'${w}'`).join(" "))).toEqual(words);
      }),
    );
  });
});

describe("env masking", () => {
  it("masks values by core's secret-name rule and URL passwords, not ordinary values", () => {
    const masked: string[] = [];
    const reporter = Object.assign(new MemoryReporter(), { mask: (v: string) => void masked.push(v) });
    const env = "SENTRY_DSN=https://k@s.io/1\nGITHUB_TOKEN=ghp_x\nUPSTREAM=https://u:pw9@h\nHOST=127.0.0.1\nAPI_KEY=ab";
    deployStage.parse(new InputReader(mapInputSource({ env }), DEPLOY_INPUTS), { reporter, cwd: "/work" } as unknown as RunContext);
    expect(masked).toEqual(["https://k@s.io/1", "ghp_x", "pw9"]);
  });
});
