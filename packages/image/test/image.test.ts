import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputReader, mapInputSource } from "@gantry/core";
import { describe, expect, it } from "vitest";
import { scratchDir } from "../../../test/support/scratch.js";
import type { BuildSet } from "../src/binaries.js";
import { defaultLabels, resolveTags } from "../src/image.js";
import { IMAGE_INPUTS, parseImageInputs } from "../src/inputs.js";

const set: BuildSet = {
  project: "hello",
  version: "v1.2.3+meta",
  commit: "abc123",
  date: "2025-11-25T00:00:00Z",
  epoch: 1764028800,
  binaries: [],
  others: [],
  manifests: [],
};
const inputs = (values: Record<string, string> = {}) => parseImageInputs(new InputReader(mapInputSource(values), IMAGE_INPUTS), "/ws");

function event(defaultBranch: string): string {
  const file = join(scratchDir("gantry-event-"), "event.json");
  writeFileSync(file, JSON.stringify({ repository: { default_branch: defaultBranch } }));
  return file;
}

describe("default tags", () => {
  it("are the manifest's version, plus latest on the default branch only", async () => {
    expect(await resolveTags(inputs(), set, {})).toEqual(["v1.2.3-meta"]);
    expect(await resolveTags(inputs(), set, { GITHUB_REF: "refs/heads/main", GITHUB_EVENT_PATH: event("main") })).toEqual(["v1.2.3-meta", "latest"]);
    expect(await resolveTags(inputs(), set, { GITHUB_REF: "refs/heads/feature", GITHUB_EVENT_PATH: event("main") })).toEqual(["v1.2.3-meta"]);
    expect(await resolveTags(inputs(), set, { GITHUB_REF: "refs/tags/v1.2.3", GITHUB_EVENT_PATH: event("main") })).toEqual(["v1.2.3-meta"]);
    expect(await resolveTags(inputs({ tags: "edge, edge,stable" }), set, {})).toEqual(["edge", "stable"]);
  });
});

describe("default labels", () => {
  it("fill source, revision, version and created (the commit time) from the build and the runner", () => {
    expect(defaultLabels(set, { GITHUB_REPOSITORY: "acme/api", GITHUB_SERVER_URL: "https://github.example" })).toEqual({
      "org.opencontainers.image.source": "https://github.example/acme/api",
      "org.opencontainers.image.revision": "abc123",
      "org.opencontainers.image.version": "v1.2.3+meta",
      "org.opencontainers.image.created": "2025-11-25T00:00:00Z",
    });
    expect(defaultLabels(undefined, { GITHUB_SHA: "f00" })).toEqual({ "org.opencontainers.image.revision": "f00" });
  });
});
