// Bundles every action entry (actions/<stage>/{main,post}.ts), the pipeline and the CLI into dist/
// with shared chunks, and writes the root action.yml from the stages' own action.yml files.
// `node scripts/build.mjs` rebuilds everything (dist/ is cleaned first);
// `node scripts/build.mjs go-build slim` rebuilds only those entries (for work in progress).
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { writeRootAction } from "./root-action.mjs";

const root = new URL("..", import.meta.url).pathname;
const only = process.argv.slice(2);
const entryPoints = {};
for (const stage of readdirSync(join(root, "actions")).sort()) {
  if (only.length && !only.includes(stage)) continue;
  for (const step of ["main", "post"]) {
    const file = join(root, "actions", stage, `${step}.ts`);
    if (existsSync(file)) entryPoints[`${stage}/${step}`] = file;
  }
}
if (!only.length || only.includes("cli")) entryPoints["cli/gantry"] = join(root, "packages/cli/src/main.ts");
if (!only.length || only.includes("pipeline")) {
  entryPoints["pipeline/main"] = join(root, "packages/pipeline/src/main.ts");
  entryPoints["pipeline/post"] = join(root, "packages/pipeline/src/post.ts");
}

if (!only.length) rmSync(join(root, "dist"), { recursive: true, force: true });
mkdirSync(join(root, "dist"), { recursive: true });
/** @actions/core imports its OIDC client (and with it undici) eagerly; gantry never uses it. */
const noOidc = {
  name: "no-oidc",
  setup(b) {
    b.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      args.importer.includes(join("@actions", "core")) ? { path: join(root, "scripts/stubs/oidc-utils.mjs") } : undefined,
    );
  },
};

/**
 * The CycloneDX library (go-build's SBOMs) looks for optional packages for XML and for validation
 * when loaded, and works without them; gantry writes JSON only, so they are never bundled: each
 * resolves to a stub that throws, which the library takes as "not installed".
 */
const noCyclonedxOptionals = {
  name: "no-cyclonedx-optionals",
  setup(b) {
    b.onResolve({ filter: /^(xmlbuilder2|libxmljs2|ajv|ajv-formats|ajv-formats-draft2019)$/ }, (args) =>
      args.importer.includes(join("@cyclonedx", "cyclonedx-library")) ? { path: join(root, "scripts/stubs/absent.cjs") } : undefined,
    );
  },
};

await build({
  entryPoints,
  plugins: [noOidc, noCyclonedxOptionals],
  outdir: join(root, "dist"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  minifySyntax: true,
  charset: "utf8",
  logLevel: "warning",
  // Some bundled CommonJS dependencies call require() on Node built-ins.
  banner: { js: "import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);" },
});
writeFileSync(join(root, "dist/package.json"), '{\n  "type": "module"\n}\n');
const cli = join(root, "dist/cli/gantry.js");
if (existsSync(cli) && !readFileSync(cli, "utf8").startsWith("#!")) writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, "utf8")}`, { mode: 0o755 });
writeRootAction(root);
