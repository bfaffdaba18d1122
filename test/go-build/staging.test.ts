/**
 * out-dir's staging folder through the bundled action: a build killed by SIGTERM removes it before
 * it exits, and a later run removes the ones killed runs left once their owner is gone, never one
 * whose owner still runs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { fixtureCopy, runAction, scratchDir } from "../harness.js";
import { describeNeeding } from "../tools.js";

const stagingIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith(".gantry-staging-")) : []);
const bootId = () => readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] as string;
};

describeNeeding(["go"], "go-build's staging folder", () => {
  it("is removed when the build is killed by SIGTERM mid-build, and the step fails", async () => {
    const ws = fixtureCopy("stdlib-service");
    const dist = join(ws, "dist");
    let signalled = false;
    let poll: NodeJS.Timeout | undefined;
    // An empty GOCACHE: the standard library is compiled first, so the build is still running when signalled.
    const r = await runAction(
      "go-build",
      { targets: "linux/amd64", cache: "false", archive: "none" },
      {
        workspace: ws,
        post: false,
        env: { GOCACHE: scratchDir("gantry-gocache-empty-") },
        onStart: (child) => {
          poll = setInterval(() => {
            // Once the owner file is there, the folder is guarded.
            const staging = stagingIn(dist).find((n) => existsSync(join(dist, n, ".gantry-owner.json")));
            if (!staging || signalled) return;
            signalled = true;
            clearInterval(poll);
            child.kill("SIGTERM");
          }, 5);
        },
      },
    );
    clearInterval(poll);
    expect(signalled, r.log).toBe(true);
    expect(r.code, r.log).toBe(143);
    expect(r.log).toMatch(/go-build: SIGTERM received; removed the staging folder .*\.gantry-staging-/);
    expect(stagingIn(dist)).toEqual([]);
    expect(existsSync(join(dist, "artifacts.json"))).toBe(false);
  });

  it("left by a killed run is removed by the next run once its owner is gone; a live owner's is kept", async () => {
    const ws = fixtureCopy("stdlib-service");
    const dist = join(ws, "dist");
    const plant = (name: string, owner?: object, ageMs = 0) => {
      const dir = join(dist, name);
      mkdirSync(join(dir, "hello_linux_amd64"), { recursive: true });
      writeFileSync(join(dir, "hello_linux_amd64", "hello"), "half a binary");
      if (owner) writeFileSync(join(dir, ".gantry-owner.json"), JSON.stringify(owner));
      const when = new Date(Date.now() - ageMs);
      utimesSync(dir, when, when);
    };
    const dead = spawnSync("true").pid;
    expect(existsSync(`/proc/${dead}`)).toBe(false);
    const me = { machine: hostname(), boot: bootId() };
    plant(".gantry-staging-dead01", { ...me, pid: dead, start: "1" });
    plant(".gantry-staging-reused", { ...me, pid: process.pid, start: String(Number(startOf(process.pid)) - 100) });
    plant(".gantry-staging-reboot", { ...me, boot: "00000000-0000-0000-0000-000000000000", pid: process.pid, start: startOf(process.pid) });
    plant(".gantry-staging-alive1", { ...me, pid: process.pid, start: startOf(process.pid) });
    plant(".gantry-staging-othermachine", { ...me, machine: `not-${hostname()}`, pid: dead, start: "1" });
    plant(".gantry-staging-unowned-old", undefined, 48 * 3600_000);
    plant(".gantry-staging-unowned-new");

    const r = await runAction("go-build", { targets: "linux/amd64", cache: "false", archive: "none" }, { workspace: ws, post: false });
    expect(r.code, r.log).toBe(0);
    expect(stagingIn(dist).sort()).toEqual([".gantry-staging-alive1", ".gantry-staging-othermachine", ".gantry-staging-unowned-new"]);
    expect(r.log).toMatch(/out-dir: removed .*\.gantry-staging-dead01.*left by killed runs whose process is gone/);
    // The run's own owner file stays in its staging folder, never in out-dir.
    expect(existsSync(join(dist, ".gantry-owner.json"))).toBe(false);
    expect(existsSync(join(dist, "artifacts.json"))).toBe(true);
  });
});
