import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sha256 } from "@gantry/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as S from "../../src/hosts/ssh/scripts.js";
import { shScript } from "../../src/hosts/ssh/shell.js";
import { SshHost } from "../../src/hosts/ssh/sshhost.js";
import { LocalShell } from "./localshell.js";

/**
 * SshHost's scripts run for real, in a local bash standing in for the remote login shell: every
 * Host operation, with file names that would break naive quoting.
 */
const WEIRD = "a b 'c' \"d\" $(touch pwned) `e` ;f* ~g";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each([
  ["a login shell per command", false],
  ["one long-lived shell (issue 10)", true],
])("SshHost over %s", (_, longLived) => {
  const shell = new LocalShell(longLived);
  const host = new SshHost(shell);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gantry-sshhost-"));
  });
  afterAll(async () => {
    await shell.closeShells();
    rmSync(dir, { recursive: true, force: true });
  });

  it("probes the platform and the tools", async () => {
    const facts = await host.probe();
    expect(facts.platform.os).toBe("linux");
    expect(["amd64", "arm64"]).toContain(facts.platform.arch);
    expect(facts.has.has("sha256sum")).toBe(true);
    expect(facts.has.has("/proc")).toBe(true);
  });

  it("reads, writes, renames and lists files with any name, values only as $1…", async () => {
    const p = join(dir, WEIRD, "f.txt");
    expect(await host.readFile(p)).toBeUndefined();
    expect(await host.exists(p)).toBe(false);
    await host.writeFile(p, "line 1\n$(id) 'x'\n");
    expect(readFileSync(p, "utf8")).toBe("line 1\n$(id) 'x'\n");
    expect(statSync(p).mode & 0o777).toBe(0o644);
    expect(await host.readFile(p)).toBe("line 1\n$(id) 'x'\n");
    expect(await host.fileSize(p)).toBe(17);
    expect(await host.readFrom(p, 7, 4)).toEqual({ text: "$(id", size: 17 });
    expect(await host.readFrom(p, 100, 4)).toEqual({ text: "", size: 17 });
    expect(await host.sha256(p)).toBe(sha256("line 1\n$(id) 'x'\n"));
    expect(await host.list(join(dir, WEIRD))).toEqual(["f.txt"]);
    await host.rename(p, `${p}.2`);
    expect(await host.exists(`${p}.2`)).toBe(true);
    expect(await host.list(join(dir, "missing"))).toEqual([]);
    await host.remove(join(dir, WEIRD));
    expect(await host.exists(join(dir, WEIRD))).toBe(false);
    await host.remove(join(dir, WEIRD));
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(() => statSync(join(dir, "pwned"))).toThrow();
    expect(() => statSync("pwned")).toThrow();
  });

  it("writes secrets 0600 and keeps them off every command line", async () => {
    const p = join(dir, "env", "service.env");
    await host.writeFile(p, "TOKEN=s3cr3t-value\n", 0o600);
    expect(statSync(p).mode & 0o777).toBe(0o600);
    expect(shell.lines.some((l) => l.includes("s3cr3t-value"))).toBe(false);
  });

  it("renames like rename(2): never into a non-empty folder", async () => {
    mkdirSync(join(dir, "r1"));
    mkdirSync(join(dir, "r2/x"), { recursive: true });
    await expect(host.rename(join(dir, "r1"), join(dir, "r2"))).rejects.toThrow(/exists and is not empty/);
    rmSync(join(dir, "r2/x"), { recursive: true });
    await host.rename(join(dir, "r1"), join(dir, "r2"));
    expect(await host.exists(join(dir, "r1"))).toBe(false);
  });

  it("creates a folder and its parents with the mode asked", async () => {
    await host.mkdirp(join(dir, "state", "deep", "er"), 0o750);
    expect(statSync(join(dir, "state", "deep", "er")).mode & 0o777).toBe(0o750);
  });

  it("uploads through a temp name and returns the sha256 computed on the host", async () => {
    const src = join(dir, "bin");
    writeFileSync(src, Buffer.alloc(300_000, 7));
    const dest = join(dir, "rel", "hello");
    expect(await host.upload(src, dest, 0o755)).toBe(sha256(Buffer.alloc(300_000, 7)));
    expect(statSync(dest).mode & 0o777).toBe(0o755);
    expect(readFileSync(dest).equals(readFileSync(src))).toBe(true);
  });

  it("refuses an upload the disk has no room for, before writing", async () => {
    const r = await shell.run(shScript(S.UPLOAD, [join(dir, "big", "x"), "755", 1_000_000_000_000]), { input: "data", allowFailure: true });
    expect(r.code).toBe(S.NO_SPACE);
    expect(r.stderr).toMatch(/only \d+ KiB free in .*big, 1000000000000 KiB needed/);
    expect(await host.list(join(dir, "big"))).toEqual([]);
  });

  it("starts a detached process with exactly the given environment, from stdin", async () => {
    const log = join(dir, "logs", "blue.log");
    const pidFile = join(dir, "run", "blue.pid");
    const value = "a b $HOME 'q' \"d\" \\n";
    const pid = await host.spawnDetached({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, run by sh
      argv: ["/bin/sh", "-c", 'printf "%s|%s|%s\\n" "$SECRET" "${HOME-unset}" "$(pwd)"; exec sleep 30'],
      env: { PATH: "/usr/bin:/bin", SECRET: value },
      cwd: dir,
      logFile: log,
      pidFile,
    });
    expect(readFileSync(pidFile, "utf8").trim()).toBe(String(pid));
    expect(shell.lines.some((l) => l.includes("a b $HOME"))).toBe(false);
    for (let i = 0; i < 100 && !readFileSync(log, "utf8").includes("|"); i++) await sleep(20);
    expect(readFileSync(log, "utf8")).toContain(`${value}|unset|${dir}\n`);
    let info = await host.processInfo(pid);
    for (let i = 0; i < 50 && !info.command?.startsWith("sleep"); i++) {
      await sleep(20);
      info = await host.processInfo(pid);
    }
    expect(info).toEqual({ state: "running", command: "sleep 30" });
    await host.signal(pid, "SIGTERM");
    for (let i = 0; i < 100 && info.state === "running"; i++) {
      await sleep(20);
      info = await host.processInfo(pid);
    }
    expect(info.state).not.toBe("running");
    await host.signal(pid, "SIGKILL");
    expect(await host.processInfo(999_999_999)).toEqual({ state: "gone" });
  });

  it("refuses an environment that cannot be passed line by line", async () => {
    const spec = { argv: ["/bin/true"], cwd: dir, logFile: join(dir, "l"), pidFile: join(dir, "p") };
    await expect(host.spawnDetached({ ...spec, env: { A: "x\ny" } })).rejects.toThrow(/cannot be passed/);
    await expect(host.spawnDetached({ ...spec, env: { "A B": "x" } })).rejects.toThrow(/cannot be passed/);
  });

  it("sees listening ports", async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const port = (srv.address() as net.AddressInfo).port;
    expect(await host.portFree(port)).toBe(false);
    await new Promise<void>((r) => srv.close(() => r()));
    expect(await host.portFree(port)).toBe(true);
  });

  it.each(["curl", "wget"] as const)("probes HTTP on the host with %s", async (probe) => {
    const h = new SshHost(shell, { probe });
    const srv = http.createServer((req, res) => {
      res.statusCode = req.url === "/healthz" ? 200 : 503;
      res.end("x");
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      expect(await h.httpGet(port, "/healthz", 2000)).toMatchObject({ ok: true, status: 200 });
      expect(await h.httpGet(port, "/down", 2000)).toMatchObject({ ok: false, status: 503 });
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
    const refused = await h.httpGet(port, "/healthz", 2000);
    expect(refused).toMatchObject({ ok: false, status: 0 });
    expect(refused.error).toBeTruthy();
  });

  it("talks to a unix socket and explains a missing one", async () => {
    const sock = join(dir, "admin.sock");
    const srv = net.createServer((c) => c.on("data", (d) => c.end(String(d).startsWith("show cli level") ? "admin\n" : "")));
    await new Promise<void>((r) => srv.listen(sock, r));
    try {
      expect(await host.checkSocket(sock, "show cli level")).toBe("admin\n");
      expect(await host.socketRequest(sock, "set server app/blue state ready", 2000)).toBe("");
    } finally {
      await new Promise<void>((r) => srv.close(() => r()));
    }
    await expect(host.socketRequest(join(dir, "none.sock"), "show stat", 2000)).rejects.toThrow(/none.sock: ENOENT/);
  });

  it("runs a program with its arguments quoted, and names the host when it fails", async () => {
    const r = await host.exec(["printf", "%s|", "a b", "$(id)", "'"]);
    expect(r.stdout).toBe("a b|$(id)|'|");
    await expect(host.exec(["sh", "-c", "echo broken >&2; exit 4"])).rejects.toThrow(
      /deploy@local-shell: `sh -c echo broken >&2; exit 4` failed \(exit 4\): broken/,
    );
    expect((await host.exec(["false"], { allowFailure: true })).code).toBe(1);
  });
});
