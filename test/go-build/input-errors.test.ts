import { describeNeeding } from "../tools.js";
import { expect, it } from "vitest";
import { freePort } from "@gantry/core";
import { fixtureCopy, runAction } from "../harness.js";

// Issue 11: errors say which input to change.
describeNeeding(["go"], "go-build's errors name the input to change", () => {
  it("a Go release index that cannot be reached names go-download-base-url", async () => {
    // A loopback port nothing listens on: the connection is refused at once.
    const base = `http://127.0.0.1:${await freePort()}/dl`;
    const r = await runAction(
      "go-build",
      { "go-version": "1.17", "go-download-base-url": base, targets: "linux/amd64" },
      { workspace: fixtureCopy("example-service"), post: false },
    );
    expect(r.code).toBe(1);
    expect(r.log).toContain(`the Go release index ${base}/ could not be read`);
    expect(r.log).toContain("set go-download-base-url to a mirror of go.dev/dl this runner can reach, or put a Go satisfying 1.17.x on PATH");
  });

  it.each(["yes", "on", "1"])("cgo: %s is refused like any non-boolean, before anything is built", async (value) => {
    const ws = fixtureCopy("example-service");
    const r = await runAction("go-build", { cgo: value, targets: "linux/amd64" }, { workspace: ws, post: false });
    expect(r.code).toBe(1);
    expect(r.log).toContain(`input 'cgo': "${value}" is not valid; accepted: true or false`);
    expect(r.outputs.artifacts).toBeUndefined();
  });
});
