import { InputError, InputReader, mapInputSource } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IMAGE_INPUTS, parseFileSpec, parseImageInputs, parsePort, usesHttp } from "../src/inputs.js";
import { isLoopback, parseReference, sanitizeTag } from "../src/reference.js";

const parse = (values: Record<string, string>) => parseImageInputs(new InputReader(mapInputSource(values), IMAGE_INPUTS), "/ws");

describe("parseImageInputs", () => {
  it("gives the documented defaults", () => {
    const i = parse({});
    expect(i).toMatchObject({
      manifest: "dist/artifacts.json",
      base: "scratch",
      user: "65532:65532",
      caCertificates: true,
      push: false,
      engine: "oci",
      tags: [],
      platforms: [],
    });
    expect(i.entrypoint).toBeUndefined();
    expect(i.dockerfile).toBe("/ws/Dockerfile");
  });

  it("any string in any input gives a value or an InputError naming that input, never a crash", () => {
    for (const name of Object.keys(IMAGE_INPUTS)) {
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), (value) => {
          try {
            parse({ [name]: value });
          } catch (err) {
            expect(err).toBeInstanceOf(InputError);
            expect((err as InputError).message).toMatch(/^input '/);
          }
        }),
        { numRuns: 150 },
      );
    }
  });

  it("parses the list and line inputs", () => {
    const i = parse({
      platforms: "linux/amd64, linux/arm/v7",
      tags: "v1,latest",
      ports: "8080, 53/udp",
      env: "A=1\nB=x=y",
      labels: "org.opencontainers.image.title=api",
      entrypoint: '["/app", "serve"]',
      cmd: "--port 8080",
      files: "config/app.yaml:/etc/app/app.yaml:0600\nstatic:/srv/static",
    });
    expect(i.platforms).toEqual([
      { os: "linux", architecture: "amd64" },
      { os: "linux", architecture: "arm", variant: "v7" },
    ]);
    expect(i.ports).toEqual(["8080/tcp", "53/udp"]);
    expect(i.env).toEqual({ A: "1", B: "x=y" });
    expect(i.entrypoint).toEqual(["/app", "serve"]);
    expect(i.cmd).toEqual(["--port", "8080"]);
    expect(i.files).toEqual([
      { source: "/ws/config/app.yaml", dest: "etc/app/app.yaml", mode: 0o600 },
      { source: "/ws/static", dest: "srv/static" },
    ]);
  });

  it("refuses push without a repository, and says which input", () => {
    expect(() => parse({ push: "true" })).toThrow(/input 'repository'.*required when push is true/);
  });

  it("refuses insecure on a registry off loopback unless forced", () => {
    expect(() => parse({ repository: "registry.example.com/api", insecure: "true" })).toThrow(/input 'insecure'.*not on loopback.*force: true/);
    const forced = parse({ repository: "registry.example.com/api", insecure: "true", force: "true" });
    expect(usesHttp(forced, "registry.example.com")).toBe(true);
    const local = parse({ repository: "127.0.0.1:5000/api", insecure: "true" });
    expect(usesHttp(local, "127.0.0.1:5000")).toBe(true);
    expect(usesHttp(local, "ghcr.io")).toBe(false);
  });

  it("wants username and password together", () => {
    expect(() => parse({ username: "u" })).toThrow(/input 'password'/);
  });

  it("rejects malformed values with what is accepted", () => {
    expect(() => parse({ repository: "Bad/Name" })).toThrow(/input 'repository'.*lower case/);
    expect(() => parse({ repository: "ghcr.io/acme/api:v1" })).toThrow(/tag is not accepted here/);
    expect(() => parse({ platforms: "amd64" })).toThrow(/input 'platforms'/);
    expect(() => parse({ entrypoint: "[1,2]" })).toThrow(/input 'entrypoint'.*JSON array of strings/);
    expect(() => parse({ workdir: "app" })).toThrow(/input 'workdir'/);
    expect(() => parse({ files: "a:/" })).toThrow(/input 'files'.*below \//);
    expect(() => parse({ files: "a:relative/path" })).toThrow(/input 'files'.*absolute path/);
    expect(parse({ files: "a:/x/../../etc/y" }).files[0]?.dest).toBe("etc/y");
    expect(() => parse({ base: "alpine@sha256:abc" })).toThrow(/input 'base'.*64/);
    expect(() => parse({ user: "app" })).toThrow(/input 'user'.*scratch image has no user names/);
    expect(parse({ user: "app", base: "ghcr.io/acme/base:1" }).user).toBe("app");
  });

  it("refuses a reference that begins with - (docker would read it as an option), saying so (issue 10)", () => {
    for (const [input, value] of [
      ["base", "--privileged"],
      ["base", "-alpine:3"],
      ["repository", "-ghcr.io/acme/api"],
      ["repository", "--output=/etc"],
    ] as const) {
      const err = (() => {
        try {
          parse({ [input]: value });
        } catch (e) {
          return e;
        }
      })() as InputError;
      expect(err).toBeInstanceOf(InputError);
      expect(err.input).toBe(input);
      expect(err.message).toContain(`${JSON.stringify(value)} is not valid; it begins with "-", which a command would read as an option`);
    }
  });

  it("refuses build-args the docker client reads from its own environment, and reads auth-force", () => {
    expect(() => parse({ "build-args": "DOCKER_HOST=tcp://evil:2375" })).toThrow(/input 'build-args': "DOCKER_HOST".*docker client itself/);
    expect(() => parse({ "build-args": "path=/tmp" })).toThrow(/input 'build-args': "path"/);
    for (const name of [
      "LD_PRELOAD",
      "LD_LIBRARY_PATH",
      "ld_preload",
      "SSL_CERT_FILE",
      "SSL_CERT_DIR",
      "GODEBUG",
      "TMPDIR",
      "XDG_CONFIG_HOME",
      "XDG_RUNTIME_DIR",
    ])
      expect(() => parse({ "build-args": `${name}=x` }), name).toThrow(
        new RegExp(`input 'build-args': "${name}".*docker client itself.*accepted: other KEY=value`),
      );
    // Proxies are docker's predefined build args: allowed (they reach the client too, README).
    const proxies =
      "HTTP_PROXY=http://p:3128\nHTTPS_PROXY=http://p:3128\nNO_PROXY=localhost\nhttp_proxy=http://p:3128\nhttps_proxy=http://p:3128\nno_proxy=localhost";
    expect(Object.keys(parse({ "build-args": proxies }).buildArgs)).toEqual(["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"]);
    expect(parse({ "build-args": "GOOS=linux\nGOPROXY=off\nLDFLAGS=-s" }).buildArgs).toEqual({ GOOS: "linux", GOPROXY: "off", LDFLAGS: "-s" });
    expect(parse({ "build-args": "TOKEN=a=b c\nGREETING=Hej" }).buildArgs).toEqual({ TOKEN: "a=b c", GREETING: "Hej" });
    expect(parse({}).authForce).toBe(false);
    expect(parse({ "auth-force": "true" }).authForce).toBe(true);
  });
});

describe("references", () => {
  it("normalizes Docker Hub names and keeps registries with ports", () => {
    expect(parseReference("alpine", "base", { tag: true, digest: true })).toEqual({ registry: "docker.io", repository: "library/alpine" });
    expect(parseReference("127.0.0.1:5000/team/api:v1", "base", { tag: true, digest: true })).toEqual({
      registry: "127.0.0.1:5000",
      repository: "team/api",
      tag: "v1",
    });
    const d = `sha256:${"a".repeat(64)}`;
    expect(parseReference(`ghcr.io/acme/base:1@${d}`, "base", { tag: true, digest: true })).toEqual({
      registry: "ghcr.io",
      repository: "acme/base",
      tag: "1",
      digest: d,
    });
    expect(parseReference("localhost/x", "base", { tag: false, digest: false }).registry).toBe("localhost");
  });

  it("knows loopback", () => {
    for (const r of ["127.0.0.1:5000", "localhost", "[::1]:5000", "127.3.2.1"]) expect(isLoopback(r), r).toBe(true);
    for (const r of ["ghcr.io", "10.0.0.1:5000", "128.0.0.1"]) expect(isLoopback(r), r).toBe(false);
  });

  it("turns versions into valid tags", () => {
    expect(sanitizeTag("v1.2.3+build.5")).toBe("v1.2.3-build.5");
    expect(sanitizeTag("-x")).toBe("v-x");
  });

  it("parses ports and file specs", () => {
    expect(parsePort("443")).toBe("443/tcp");
    expect(() => parsePort("70000")).toThrow(InputError);
    expect(parseFileSpec("C:/x:/y", (p) => p)).toEqual({ source: "C:/x", dest: "y" });
  });
});
