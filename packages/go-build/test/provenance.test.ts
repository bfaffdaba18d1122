/** go-build's provenance statement (issue 15): the source URI and the inputs it records. */
import { describe, expect, it } from "vitest";
import { InputReader, mapInputSource } from "@gantry/core";
import { GO_BUILD_INPUTS, parseGoBuildInputs } from "../src/inputs.js";
import { byteInputs, remoteUri } from "../src/provenance.js";

describe("go-build provenance", () => {
  it("remoteUri drops user names and passwords of URLs and turns scp-like remotes and paths into URIs", () => {
    expect(remoteUri("https://bot:s3cr3t@example.com/acme/hello.git")).toBe("https://example.com/acme/hello.git");
    expect(remoteUri("git@github.com:acme/hello.git")).toBe("ssh://git@github.com/acme/hello.git");
    expect(remoteUri("ssh://git@example.com:2222/acme/hello.git")).toBe("ssh://example.com:2222/acme/hello.git");
    expect(remoteUri("/srv/git/hello.git")).toBe("file:///srv/git/hello.git");
  });

  it("records the inputs that change the bytes as they are given, working-directory relative to the repository", () => {
    const values = { "working-directory": "svc", targets: "linux/amd64, linux/arm/v7", tags: "netgo osusergo", x: "main.a=1\nmain.b=2", cgo: "false" };
    const inputs = parseGoBuildInputs(new InputReader(mapInputSource(values), GO_BUILD_INPUTS), "/repo");
    const recorded = byteInputs(inputs, "/repo");
    expect(recorded).toMatchObject({
      "working-directory": "svc",
      targets: "linux/amd64,linux/arm/v7",
      tags: "netgo,osusergo",
      x: "main.a=1\nmain.b=2",
      sbom: "spdx",
    });
    expect(recorded).not.toHaveProperty("out-dir");
    expect(recorded).not.toHaveProperty("cache");
    // Given back to the parser, the recorded inputs make the same build.
    const again = parseGoBuildInputs(new InputReader(mapInputSource(recorded), GO_BUILD_INPUTS), "/repo");
    expect(byteInputs(again, "/repo")).toEqual(recorded);
    expect(byteInputs(inputs, undefined)["working-directory"]).toBe(".");
  });
});
