import { describe, expect, it } from "vitest";
import { explainModuleFailure } from "../src/modules.js";

// Captured from go 1.26 with GOPROXY / GOSUMDB pointed at a closed loopback port (issue 11).
const PROXY_DOWN =
  'go: github.com/beorn7/perks@v1.0.1: Get "http://127.0.0.1:9/github.com/beorn7/perks/@v/v1.0.1.mod": dial tcp 127.0.0.1:9: connect: connection refused';
const SUMDB_DOWN =
  'go: github.com/prometheus/common@v0.66.1: verifying module: github.com/prometheus/common@v0.66.1: initializing sumdb.Client: checking tree#72421544: Get "http://127.0.0.1:9/tile/8/3/000.p/4": dial tcp 127.0.0.1:9: connect: connection refused';

describe("explainModuleFailure", () => {
  it("an unreachable checksum database: names the module, GONOSUMDB for it, and why GOFLAGS=-mod=mod is not the answer", () => {
    const m = explainModuleFailure(SUMDB_DOWN, { GOSUMDB: "sum.golang.org http://127.0.0.1:9" }) ?? "";
    expect(m).toContain("the checksum database (GOSUMDB=sum.golang.org http://127.0.0.1:9) could not be reached to check github.com/prometheus/common@v0.66.1");
    expect(m).toContain("run `go mod tidy` where the database is reachable and commit go.sum");
    expect(m).toContain("GONOSUMDB=github.com/prometheus");
    expect(m).toContain("GOSUMDB=off turns the check off for every module");
    expect(m).toContain("GOFLAGS=-mod=mod does not help");
  });

  it("an unreachable module proxy: names GOPROXY (without credentials) and the ways to build offline", () => {
    const m = explainModuleFailure(PROXY_DOWN, { GOPROXY: "https://user:secret@goproxy.example/a?token=x|direct" }) ?? "";
    expect(m).toContain("the module proxy (GOPROXY=https://goproxy.example/a|direct) could not be reached to download github.com/beorn7/perks@v1.0.1");
    expect(m).toContain("restore GOMODCACHE first");
    expect(m).toContain("GOFLAGS=-mod=vendor");
    expect(m).not.toContain("secret");
    expect(explainModuleFailure(PROXY_DOWN, {})).toContain("GOPROXY=https://proxy.golang.org,direct");
  });

  it("leaves other failures alone", () => {
    expect(explainModuleFailure("go: updates to go.mod needed; to update it:\n\tgo mod tidy", {})).toBeUndefined();
    expect(explainModuleFailure("verifying github.com/x/y@v1.0.0: checksum mismatch", {})).toBeUndefined();
  });
});
