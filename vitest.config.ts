import { delimiter, join } from "node:path";
import { defineConfig } from "vitest/config";

// Go tools pinned in tools/go.mod are installed by scripts/bootstrap.sh into .tools/bin: the tests
// (and every process they start) find them there first.
process.env.PATH = [join(import.meta.dirname, ".tools", "bin"), process.env.PATH].join(delimiter);

// Unit tests sit beside each package (packages/<stage>/test); integration and end-to-end tests
// that run bundled actions and real tools sit in test/<stage>.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["packages/*/test/**/*.test.ts"], testTimeout: 30_000, sequence: { groupOrder: 0 } } },
      {
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // Two cores: integration files build Go and start servers; run two files at a time at most.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          globalSetup: ["test/global-setup.ts"],
        },
      },
    ],
  },
});
