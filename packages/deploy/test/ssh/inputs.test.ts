import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError, InputReader, StateKey, loadPostState, mapInputSource, memoryState, savePostState } from "@gantry/core";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { DEPLOY_INPUTS, DEPLOY_SECRETS, type DeployInputs, parseDeployInputs } from "../../src/inputs.js";
import { REMOTE_INPUTS } from "../../src/hosts/ssh/inputs.js";

const dir = mkdtempSync(join(tmpdir(), "gantry-remote-inputs-"));
execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "k")]);
const KEY = readFileSync(join(dir, "k"), "utf8");
const KNOWN = `web-1 ${readFileSync(join(dir, "k.pub"), "utf8").split(" ").slice(0, 2).join(" ")}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (values: Record<string, string>) => parseDeployInputs(new InputReader(mapInputSource(values), DEPLOY_INPUTS), "/work");
const remote = { hosts: "deploy@web-1, deploy@web-2:2222", "known-hosts": KNOWN, "ssh-key": KEY };

describe("remote deploy inputs", () => {
  it("are part of the deploy stage's table, off by default", () => {
    for (const [k, v] of Object.entries(REMOTE_INPUTS)) expect(DEPLOY_INPUTS[k as keyof typeof DEPLOY_INPUTS]).toBe(v);
    expect(parse({}).remote).toEqual({
      hosts: [],
      sshKey: "",
      knownHosts: undefined,
      insecure: false,
      sshOptions: [],
      rollout: "serial",
      maxParallel: 2,
      canaryHosts: 0,
    });
  });

  it("reads hosts, the key, known-hosts and the rollout", () => {
    const r = parse({ ...remote, rollout: "parallel", "max-parallel": "3", "canary-hosts": "1", "ssh-options": "ConnectTimeout=5" }).remote;
    expect(r.hosts.map((h) => h.label)).toEqual(["deploy@web-1", "deploy@web-2:2222"]);
    expect(r.sshKey).toBe(KEY);
    expect(r.knownHosts).toEqual({ text: KNOWN });
    expect(r).toMatchObject({ rollout: "parallel", maxParallel: 3, canaryHosts: 1, sshOptions: ["ConnectTimeout=5"] });
    expect(parse({ ...remote, "known-hosts": "~/.ssh/known_hosts" }).remote.knownHosts).toEqual({ path: join(process.env.HOME ?? "/", ".ssh/known_hosts") });
    expect(parse({ hosts: "deploy@web-1", "ssh-insecure-skip-host-key-check": "true" }).remote).toMatchObject({ insecure: true, knownHosts: undefined });
  });

  it.each([
    [{ ...remote, "known-hosts": "" }, "known-hosts", /it is required with hosts: host keys are always checked/],
    [{ ...remote, "ssh-insecure-skip-host-key-check": "true" }, "ssh-insecure-skip-host-key-check", /known-hosts is given too/],
    [{ "ssh-key": KEY }, "hosts", /it is empty but ssh-key is set/],
    [{ "known-hosts": KNOWN, "ssh-options": "Compression=yes" }, "hosts", /it is empty but known-hosts and ssh-options are set/],
    [{ ...remote, "canary-hosts": "2" }, "canary-hosts", /fewer than the 2 host\(s\)/],
    [{ ...remote, rollout: "rolling" }, "rollout", /accepted: serial, parallel/],
    [{ ...remote, "max-parallel": "0" }, "max-parallel", /from 1 to 100/],
    [{ ...remote, "state-dir": "var/lib/x" }, "state-dir", /path on the servers and must be absolute/],
    [{ ...remote, "haproxy-socket": "admin.sock" }, "haproxy-socket", /must be absolute/],
    [{ ...remote, "ssh-key": "not a key" }, "ssh-key", /accepted: a private key in OpenSSH or PEM format/],
  ])("refuses %#, naming the input", (values, input, why) => {
    let err: unknown;
    try {
      parse(values as Record<string, string>);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe(input);
    expect((err as InputError).message).toMatch(why);
    expect((err as InputError).message).not.toContain(KEY.split("\n")[1]);
  });

  it("gives inputs or a clear InputError for any remote values (property)", () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("deploy@web-1", "a@10.0.0.1:22", KNOWN, KEY, "serial", "parallel", "true", "1"));
    fc.assert(
      fc.property(
        fc.record(
          { hosts: text, "ssh-key": text, "known-hosts": text, rollout: text, "max-parallel": text, "canary-hosts": text, "ssh-options": text },
          { requiredKeys: [] },
        ),
        (values) => {
          try {
            const r = parse(values as Record<string, string>).remote;
            if (r.hosts.length && !r.insecure) expect(r.knownHosts).toBeDefined();
          } catch (err) {
            expect(err).toBeInstanceOf(InputError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("leave none of their secrets in the post step's state, which gets back only the admin token, from its own inputs", () => {
    const TOKEN = "adm-0123456789abcdef0123456789abcdef";
    const secrets = { "ssh-key": KEY, env: "DB_PASSWORD=pw-0123456789\nMODE=x", "nginx-admin-token": TOKEN, "prometheus-basic-auth": "u:pass-0123456789" };
    const values = {
      ...remote,
      ...secrets,
      router: "nginx",
      "nginx-mode": "lua",
      "nginx-lua-include": "/etc/nginx/g.conf",
      "prometheus-url": "http://127.0.0.1:9",
    };
    const state = memoryState();
    savePostState(state, StateKey.DeployRun, { fleet: {}, inputs: parse(values) }, DEPLOY_SECRETS);
    const stored = state.get(StateKey.DeployRun);
    for (const secret of [TOKEN, "pw-0123456789", "pass-0123456789", ...KEY.split("\n").filter((l) => l.length > 20)]) expect(stored).not.toContain(secret);
    const post = { "INPUT_NGINX-ADMIN-TOKEN": TOKEN, "INPUT_SSH-KEY": KEY, "INPUT_PROMETHEUS-BASIC-AUTH": "u:pass-0123456789" };
    const back = loadPostState<{ inputs: DeployInputs }>(state, StateKey.DeployRun, DEPLOY_SECRETS, post)?.inputs;
    expect(back?.router).toMatchObject({ kind: "nginx", adminToken: TOKEN, luaInclude: "/etc/nginx/g.conf" });
    expect(back?.remote.sshKey).toBe("");
    expect(back?.env).toEqual({});
    expect(back?.analysis.prometheus).toMatchObject({ url: "http://127.0.0.1:9", token: "", basicAuth: "" });
    expect(back?.remote.hosts.map((h) => h.label)).toEqual(["deploy@web-1", "deploy@web-2:2222"]);
  });
});
