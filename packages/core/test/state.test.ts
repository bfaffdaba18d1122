/** The one way a main step hands its inputs to its post step: secrets never in state, read again in post. */
import { describe, expect, it } from "vitest";
import { type SecretInput, loadPostState, memoryState, savePostState } from "../src/state.js";

const TOKEN = "tok-0123456789abcdef";
const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
const SECRETS: SecretInput[] = [
  { input: "admin-token", at: ["router", "adminToken"], post: true },
  { input: "ssh-key", at: ["remote", "sshKey"] },
  { input: "env", at: ["env"] },
  { input: "not-kept" },
];
const inputs = () => ({
  env: { DB_PASSWORD: "pw-secret-value" },
  router: { kind: "nginx", adminToken: TOKEN, socket: "/run/a.sock" },
  remote: { hosts: ["web-1"], sshKey: KEY },
  stateDir: "/var/lib/gantry/app",
});

describe("savePostState / loadPostState", () => {
  it("stores no secret, and post gets back the ones it needs from its INPUT_ variables", () => {
    const state = memoryState();
    const original = inputs();
    savePostState(state, "k", { runId: "r1", inputs: original }, SECRETS);
    const stored = state.get("k");
    // What the runner writes to GITHUB_STATE (a plain file) holds none of the secrets, not even a line of one.
    for (const secret of [TOKEN, "pw-secret-value", "b3BlbnNzaC1rZXktdjEAAAAA"]) expect(stored).not.toContain(secret);
    expect(JSON.parse(stored)).toEqual({
      runId: "r1",
      inputs: {
        env: {},
        router: { kind: "nginx", adminToken: "", socket: "/run/a.sock" },
        remote: { hosts: ["web-1"], sshKey: "" },
        stateDir: "/var/lib/gantry/app",
      },
    });
    // The caller's inputs are not touched: main goes on with them.
    expect(original).toEqual(inputs());
    const loaded = loadPostState<{ runId: string; inputs: ReturnType<typeof inputs> }>(state, "k", SECRETS, {
      "INPUT_ADMIN-TOKEN": ` ${TOKEN}\n`,
      "INPUT_SSH-KEY": KEY,
    });
    expect(loaded?.runId).toBe("r1");
    expect(loaded?.inputs.router.adminToken).toBe(TOKEN);
    // Only what post needs comes back.
    expect(loaded?.inputs.remote.sshKey).toBe("");
    expect(loaded?.inputs.env).toEqual({});
  });

  it("leaves a secret's place alone when these inputs have none (another router), and blank when post's inputs lack it", () => {
    const state = memoryState();
    savePostState(state, "k", { inputs: { router: { kind: "haproxy", socket: "/run/h.sock" } } }, SECRETS);
    expect(loadPostState(state, "k", SECRETS, { "INPUT_ADMIN-TOKEN": TOKEN })).toEqual({ inputs: { router: { kind: "haproxy", socket: "/run/h.sock" } } });
    savePostState(state, "k", { inputs: inputs() }, SECRETS);
    expect(loadPostState<{ inputs: ReturnType<typeof inputs> }>(state, "k", SECRETS, {})?.inputs.router.adminToken).toBe("");
  });

  it("finds nothing when main saved nothing", () => {
    expect(loadPostState(memoryState(), "k", SECRETS, {})).toBeUndefined();
  });
});
