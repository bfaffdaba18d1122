import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { REPO } from "../harness.js";
import { PACKAGES } from "../tools.js";

// Issue 10: the README says what bootstrap installs; scripts/tools.txt is what it installs.
it("README names every Debian package bootstrap installs (scripts/tools.txt)", () => {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const said = readme.slice(readme.indexOf("Both start with `scripts/bootstrap.sh`")).split("\n")[0] ?? "";
  const named = (pkg: string) =>
    said.includes(pkg) ||
    (pkg.startsWith("binutils-") && said.includes("cross binutils")) ||
    (pkg === "openssh-client" && said.includes("openssh-server and -client"));
  const debian = [...new Set(PACKAGES.values())].filter((p) => !p.startsWith("tools/"));
  const unnamed = debian.filter((p) => !["tar", "gzip", "util-linux", "mount"].includes(p) && !named(p));
  expect(unnamed).toEqual([]);
});

// Issue 11: and names every Go tool it builds from tools/ (the rest of scripts/tools.txt).
it("README names every Go tool bootstrap builds into .tools/bin (scripts/tools.txt)", () => {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const said = readme.slice(readme.indexOf("it then builds the Go tools")).split("\n")[0] ?? "";
  const tools = [...PACKAGES].filter(([, p]) => p.startsWith("tools/")).map(([cmd]) => cmd);
  expect(tools.length).toBeGreaterThan(0);
  expect(tools.filter((cmd) => !said.includes(cmd))).toEqual([]);
});
