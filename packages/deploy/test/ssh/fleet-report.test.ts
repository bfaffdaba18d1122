import { describe, expect, it } from "vitest";
import type { DeployReport } from "../../src/deploy.js";
import { type FleetReport, failureTail } from "../../src/fleet/report.js";

/** A host's report with only what failureTail reads: the release's version and last output. */
const hostReport = (logTail?: string) => ({ result: { version: "v3", ...(logTail ? { logTail } : {}) } }) as unknown as DeployReport;

function fleetReport(failure: FleetReport["fleet"]["failure"], reports: [string, DeployReport][]): FleetReport {
  return { app: "hello", command: "deploy", version: "v3", fleet: { hosts: [], ...(failure ? { failure } : {}) }, reports: new Map(reports), ms: 1 };
}

describe("failureTail (issue 12: a fleet's error carries the failing host's release output)", () => {
  it("gives the last output of the host that stopped the rollout, naming it", () => {
    const r = fleetReport({ host: "root@h2", reason: "health gate failed" }, [
      ["root@h1", hostReport("h1's lines")],
      ["root@h2", hostReport("systemctl: hello-blue.service active\nhello v3 listening")],
    ]);
    expect(failureTail(r)).toBe("last output of v3 on root@h2:\nsystemctl: hello-blue.service active\nhello v3 listening");
  });

  it("is empty when no host failed, the failing host has no report (unreachable) or left no output", () => {
    expect(failureTail(fleetReport(undefined, [["root@h1", hostReport("lines")]]))).toBe("");
    expect(failureTail(fleetReport({ host: "root@h2", reason: "unreachable" }, [["root@h1", hostReport("lines")]]))).toBe("");
    expect(failureTail(fleetReport({ host: "root@h1", reason: "health gate failed" }, [["root@h1", hostReport()]]))).toBe("");
  });
});
