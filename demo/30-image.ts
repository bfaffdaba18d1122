import { type DemoContext, gantry } from "./lib.js";

/**
 * Builds the example service's image from go-build's binaries (every Linux target of the
 * manifest: linux/amd64, linux/arm64, linux/arm/v7) into an OCI layout, with no daemon, twice,
 * to show the digest does not move; go-build's SBOMs go in the layout as referrers of each platform.
 */
export default async function imageDemo(ctx: DemoContext): Promise<void> {
  const inputs = { manifest: ctx.shared.manifest ?? "dist/artifacts.json", "oci-layout": "dist/image", ports: "8080/tcp", env: "PORT=8080" };
  const run = await gantry("image", inputs, { cwd: ctx.work, env: { ...process.env, GANTRY_LAYER_CACHE: "off" } });
  if (run.code !== 0) throw new Error("image failed");
  const again = await gantry(
    "image",
    { ...inputs, "oci-layout": "dist/image-again" },
    { cwd: ctx.work, quiet: true, env: { ...process.env, GANTRY_LAYER_CACHE: "off" } },
  );
  if (again.code !== 0) throw new Error("image (second run) failed");
  ctx.shared.imageLayout = `${ctx.work}/dist/image`;
  ctx.shared.imageDigest = run.outputs.digest as string;
  const metadata = JSON.parse(run.outputs.metadata ?? "{}") as { referrers?: { artifacts: unknown[] } };
  const referrers = metadata.referrers?.artifacts.length ?? 0;
  process.stderr.write(
    [
      "",
      `image index digest: ${run.outputs.digest}`,
      `platforms:          ${Object.keys(JSON.parse(run.outputs.platforms ?? "{}")).join(", ")}`,
      `OCI layout:         ${ctx.shared.imageLayout} (${(run.ms / 1000).toFixed(1)} s, no Docker daemon)`,
      `SBOM referrers:     ${referrers} in the layout's index.json (go-build's SBOMs, subject: each platform manifest)`,
      `second run:         ${again.outputs.digest === run.outputs.digest ? "same digest" : `DIFFERENT digest ${again.outputs.digest}`}`,
      "",
    ].join("\n"),
  );
  if (again.outputs.digest !== run.outputs.digest) throw new Error("the image digest changed between two runs");
}
