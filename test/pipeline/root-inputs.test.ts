import { describe, expect, it } from "vitest";
import { fixtureCopy, runAction } from "../harness.js";

// Issue 11: the root action's errors name the root's own inputs, as the user wrote them in `with:`.
describe("the root action names its own inputs in errors", () => {
  it.each([
    ["slim-max-size", "8 parsecs", "go-build"],
    ["slim-upx", "sometimes", "go-build"],
    ["image-repository", "Not/A Repo", "go-build"],
  ])("a bad %s (%s) fails naming it, before anything is built", async (input, value) => {
    const ws = fixtureCopy("example-service");
    const r = await runAction(".", { [input]: value, targets: "linux/amd64" }, { workspace: ws, post: false });
    expect(r.code).toBe(1);
    expect(r.log).toContain(`input '${input}': ${JSON.stringify(value)} is not valid`);
    expect(r.log).not.toContain("gantry go-build"); // parse fails before the first stage runs
  });

  it("go-build's inputs keep their own names (they are not prefixed)", async () => {
    const r = await runAction(".", { strip: "maybe", targets: "linux/amd64" }, { workspace: fixtureCopy("example-service"), post: false });
    expect(r.code).toBe(1);
    expect(r.log).toContain(`input 'strip': "maybe" is not valid`);
  });
});
