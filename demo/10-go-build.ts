import { type DemoContext, gantry } from "./lib.js";

/** Builds the example service for the five targets a Go team usually ships. */
export default async function goBuildDemo(ctx: DemoContext): Promise<void> {
  const run = await gantry(
    "go-build",
    { targets: "linux/amd64,linux/arm64,linux/arm/v7,windows/amd64,darwin/arm64", version: "v1.0.0", files: "static/index.html", "out-dir": "dist" },
    { cwd: ctx.work, env: { ...process.env, SOURCE_DATE_EPOCH: "1764028800" } },
  );
  if (run.code !== 0) throw new Error("go-build failed");
  ctx.shared.manifest = run.outputs.manifest as string;
}
