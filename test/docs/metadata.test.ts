import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "../harness.js";

const files = ["action.yml", ...readdirSync(join(REPO, "actions")).map((a) => join("actions", a, "action.yml"))];

// The Marketplace refuses an action whose description is 125 characters or more.
it.each(files)("%s: a description under 125 characters", (file) => {
  const meta = parse(readFileSync(join(REPO, file), "utf8")) as { description: string };
  expect(meta.description.length).toBeLessThan(125);
});
