import { InputError, InputReader, mapInputSource } from "@gantry/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEPLOY_INPUTS, parseDeployInputs } from "../src/inputs.js";
import { defaultUser } from "../src/runtimes/service-user.js";
import { parseShow, parseUnitLines, renderEnvironmentFile, renderUnit } from "../src/runtimes/systemd-unit.js";

const parse = (values: Record<string, string>) => parseDeployInputs(new InputReader(mapInputSource(values), DEPLOY_INPUTS), "/work");

const spec = {
  name: "hello-green",
  binary: "/var/lib/gantry/hello/releases/v2/hello",
  directory: "/var/lib/gantry/hello/releases/v2",
  envFile: "/var/lib/gantry/hello/run/green.env",
  stateDir: "/var/lib/gantry/hello",
  user: "gantry-hello",
  group: "gantry-hello",
  port: 8082,
  stopTimeoutMs: 30_000,
  overrides: [],
};

describe("runtime: systemd unit", () => {
  it("renders gantry's directives with hardening by default and no capability above port 1024", () => {
    const text = renderUnit(spec);
    expect(text).toMatch(/^\[Unit\]$[\s\S]*^StartLimitBurst=10$[\s\S]*^\[Service\]$/m);
    for (const line of [
      "ExecStart=/var/lib/gantry/hello/releases/v2/hello",
      "WorkingDirectory=/var/lib/gantry/hello/releases/v2",
      "EnvironmentFile=/var/lib/gantry/hello/run/green.env",
      "User=gantry-hello",
      "Group=gantry-hello",
      "Restart=always",
      "KillSignal=SIGTERM",
      "TimeoutStopSec=30s",
      "NoNewPrivileges=yes",
      "ProtectSystem=strict",
      "ReadWritePaths=/var/lib/gantry/hello",
      "ProtectHome=yes",
      "PrivateTmp=yes",
      "PrivateDevices=yes",
      "CapabilityBoundingSet=",
      "LimitNOFILE=65536",
      "WantedBy=multi-user.target",
    ])
      expect(text.split("\n")).toContain(line);
    expect(text).not.toMatch(/AmbientCapabilities/);
  });

  it("gives CAP_NET_BIND_SERVICE only to a port below 1024", () => {
    const text = renderUnit({ ...spec, port: 80 });
    expect(text.split("\n")).toEqual(expect.arrayContaining(["CapabilityBoundingSet=CAP_NET_BIND_SERVICE", "AmbientCapabilities=CAP_NET_BIND_SERVICE"]));
  });

  it("replaces a default by an override of the same name, adds the others in their section, and escapes %", () => {
    const overrides = parseUnitLines([
      "ProtectHome=read-only",
      "Environment=GIN_MODE=release",
      "[Unit]",
      "Documentation=https://x/%i",
      "[Install]",
      "Alias=web.service",
    ]);
    const text = renderUnit({ ...spec, overrides });
    expect(text).toContain("ProtectHome=read-only\n");
    expect(text).not.toContain("ProtectHome=yes");
    expect(text).toMatch(/\[Unit\][^[]*Documentation=https:\/\/x\/%%i\n\[Service\]/);
    expect(text).toMatch(/\[Service\][^[]*Environment=GIN_MODE=release\n\[Install\]/);
    expect(text).toMatch(/\[Install\]\nWantedBy=multi-user.target\nAlias=web.service\n$/);
  });

  it("refuses a path a unit cannot hold", () => {
    expect(() => renderUnit({ ...spec, binary: "/opt/my app/hello" })).toThrow(/the release binary "\/opt\/my app\/hello" cannot be written to a systemd unit/);
  });

  it("writes the environment file as systemd reads it, without expansion", () => {
    expect(renderEnvironmentFile({ A: 'x"y\\z$HOME`', B: "a b  c", C: "100%" })).toBe('A="x\\"y\\\\z\\$HOME\\`"\nB="a b  c"\nC="100%"\n');
    expect(() => renderEnvironmentFile({ T: "a\nb" })).toThrow(/the value of T cannot be passed to systemd: it spans lines/);
  });

  it("parses systemctl show and names the dedicated user", () => {
    expect(parseShow("ActiveState=active\nMainPID=42\nResult=success\n")).toEqual({ ActiveState: "active", MainPID: "42", Result: "success" });
    expect(defaultUser("Hello.web")).toBe("gantry-hello-web");
  });

  it("parses the systemd-unit input", () => {
    expect(parse({ runtime: "systemd", "systemd-unit": "MemoryMax=200M\n[Unit]\nStartLimitBurst=3" }).systemd.overrides).toEqual([
      { section: "Service", name: "MemoryMax", value: "200M" },
      { section: "Unit", name: "StartLimitBurst", value: "3" },
    ]);
    expect(parse({ runtime: "systemd", user: "www-data" }).supervisor.user).toBe("www-data");
  });

  it("any systemd-unit line gives directives or an InputError naming the input, never a crash", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 4 }), (lines) => {
        try {
          parse({ runtime: "systemd", "systemd-unit": lines.join("\n") });
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as Error).message).toMatch(/input 'systemd-unit'/);
        }
      }),
    );
  });
});
