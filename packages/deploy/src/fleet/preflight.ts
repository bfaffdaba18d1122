/**
 * Checks every host before any host is changed (issue 7, "Bad input and failures"): the
 * connection (host key, key), the tools the engine and the router need, the artifact for the
 * host's platform, the free space and write access for state-dir, and the router. All hosts are
 * checked at once and every problem is reported, each naming its host.
 */
import { stat } from "node:fs/promises";
import { GantryError, formatBytes, formatTarget, messageOf } from "@gantry/core";
import { makeRuntime, stateDirFor } from "../deploy.js";
import type { DeployInputs } from "../inputs.js";
import { routerNeeds, routerProblems } from "../routers/routers.js";
import { type ArtifactChoice, resolveArtifact } from "../engine/release.js";
import { resolveImage } from "../runtimes/docker-image.js";
import type { SshHost } from "../hosts/ssh/sshhost.js";

/** What a host must offer: one of each group (issue 7: "a remote command missing: clear errors that name the host"). */
const TOOLS: { any: string[]; why: string }[] = [
  { any: ["sha256sum", "shasum", "openssl"], why: "to check the uploaded binary's sha256" },
  { any: ["setsid", "nohup"], why: "to start the service so it outlives the SSH session" },
  { any: ["/proc", "ps"], why: "to watch the service's process" },
  { any: ["/proc", "ss"], why: "to see which ports are in use" },
];

/** One host's problems ([] when it is ready), and the artifact chosen for it. */
export async function preflightHost(host: SshHost, inputs: DeployInputs, app: string): Promise<{ problems: string[]; artifact?: ArtifactChoice }> {
  const problems: string[] = [];
  const facts = await host.probe();
  for (const t of TOOLS) if (!t.any.some((c) => facts.has.has(c))) problems.push(`none of ${t.any.join(", ")} is installed (needed ${t.why})`);
  for (const c of routerNeeds(inputs.router)) if (!facts.has.has(c)) problems.push(`\`${c}\` is not installed, and nginx-reload-command needs it`);
  if ((await host.probeMethod()) === "channel" && !(await host.channelAllowed(inputs.ports.blue)))
    problems.push(
      "it has neither curl nor wget and its sshd refuses TCP forwarding, so nothing can probe the service's health there; install curl or allow forwarding",
    );
  const stateDir = stateDirFor(inputs, app);
  const runtimeReady = await runtimePreflight(host, inputs, stateDir, app, problems);
  let artifact: ArtifactChoice | undefined;
  if (inputs.command === "deploy" && inputs.runtime !== "docker") {
    try {
      artifact = await resolveArtifact(inputs.artifact, inputs.manifest, facts.platform);
    } catch (err) {
      problems.push(`${messageOf(err)} (the host is ${formatTarget(facts.platform)})`);
    }
  }
  // runtime: docker: the host has the image, or image-archive holds it to load (issue 12).
  if (inputs.command === "deploy" && inputs.runtime === "docker" && runtimeReady)
    await resolveImage(host, inputs.dockerHost, inputs.artifact, inputs.imageArchive).catch((err) =>
      problems.push(messageOf(err).replace(` on ${host.name}`, "")),
    );
  const free = await host.freeSpace(stateDir);
  if (!free.writable) problems.push(`user ${facts.user} may not create ${stateDir} (${free.at} is not writable for it)`);
  if (artifact && free.kib !== undefined) {
    const { size } = await stat(artifact.path);
    const need = Math.ceil((size * 1.1) / 1024) + 1024;
    if (free.kib < need) problems.push(`the disk is full: ${formatBytes(free.kib * 1024)} free in ${free.at}, the release needs ${formatBytes(need * 1024)}`);
  }
  problems.push(...(await routerProblems(inputs.router, host)));
  return { problems, artifact };
}

/** The runtime's own preflight (issue 12: supervisord answers, the docker daemon answers); false when it found a problem. */
async function runtimePreflight(host: SshHost, inputs: DeployInputs, stateDir: string, app: string, problems: string[]): Promise<boolean> {
  try {
    await makeRuntime(inputs, host, stateDir, app).preflight?.();
    return true;
  } catch (err) {
    problems.push(messageOf(err).replace(` on ${host.name}`, ""));
    return false;
  }
}

/** Checks every host at once; throws one error listing each host's problems, before any host is changed. */
export async function preflightFleet(hosts: readonly SshHost[], inputs: DeployInputs, app: string): Promise<void> {
  const results = await Promise.allSettled(hosts.map((h) => preflightHost(h, inputs, app)));
  const lines: string[] = [];
  results.forEach((r, i) => {
    const name = (hosts[i] as SshHost).name;
    if (r.status === "rejected") lines.push(`- ${messageOf(r.reason).startsWith(name) ? messageOf(r.reason) : `${name}: ${messageOf(r.reason)}`}`);
    else for (const p of r.value.problems) lines.push(`- ${name}: ${p}`);
  });
  if (lines.length) throw new GantryError(`the hosts are not ready; nothing was changed on any host:\n${lines.join("\n")}`);
}
