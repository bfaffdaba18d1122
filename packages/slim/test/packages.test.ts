import { describe, expect, it } from "vitest";
import type { Section } from "../src/binfmt.js";
import { groupByPackage, packageOf, parseNm } from "../src/packages.js";

describe("packageOf", () => {
  it.each([
    ["net/http.(*Server).Serve", "net/http"],
    ["net/http.(*Server).Serve.func1", "net/http"],
    ["main.main", "main"],
    ["runtime.mallocgc", "runtime"],
    ["vendor/golang.org/x/crypto/chacha20poly1305.chacha20Poly1305Seal.abi0", "vendor/golang.org/x/crypto/chacha20poly1305"],
    ["github.com/spf13/cobra.(*Command).Execute", "github.com/spf13/cobra"],
    ["gopkg.in/yaml%2ev3.Marshal", "gopkg.in/yaml.v3"],
    ["sync/atomic.(*Pointer[net/http.x]).Load", "sync/atomic"],
    ["crypto/elliptic..dict.(*nistCurve[*crypto/internal/nistec.P521Point]).CombinedMult", "crypto/elliptic"],
    ["type..eq.net/http.Cookie", "net/http"],
    ["type.*net/http.Server", "net/http"],
    ["go.itab.*net.UnixConn,net.Conn", "net"],
    ["type.map[string]int", "(type descriptors)"],
    ["type.*", "(type descriptors)"],
    ["runtime.types", "(type descriptors)"],
    ["runtime.pclntab", "(pclntab: function tables)"],
    ["go.func.*", "(func metadata)"],
    ["go:string.*", "(string literals)"],
    ["runtime.rodata", "(other data)"],
    ["go.buildid", "(linker data)"],
  ])("%s → %s", (symbol, pkg) => expect(packageOf(symbol)).toBe(pkg));
});

describe("groupByPackage", () => {
  const sections: Section[] = [
    { name: ".text", addr: 0x1000, offset: 0x1000, fileSize: 0x1000, loaded: true },
    { name: ".rodata", addr: 0x2000, offset: 0x2000, fileSize: 0x1000, loaded: true },
    { name: ".bss", addr: 0x3000, offset: 0, fileSize: 0, loaded: true },
    { name: ".symtab", addr: 0, offset: 0x3000, fileSize: 0x500, loaded: false },
  ];

  it("parses nm lines and counts each byte once, nested table symbols keeping only what their children do not hold", () => {
    const nm = parseNm(
      [
        "    1000        100 T net/http.(*Server).Serve",
        "    1100         50 t net/http.init.0",
        "    1200        200 T main.main",
        "    2000       1024 R runtime.rodata",
        "    2000       1024 R runtime.types",
        "    2000        600 R type.*",
        "    2100         40 R type.*net/http.Server",
        "    3000       9999 D runtime.mheap_",
        "       0          0 U _getcwd",
        "garbage line",
      ].join("\n"),
    );
    expect(nm).toHaveLength(9);
    const groups = Object.fromEntries(groupByPackage(nm, sections).map((g) => [g.package, g.bytes]));
    expect(groups).toEqual({
      "net/http": 190,
      main: 200,
      "(type descriptors)": 984,
      "(symbols and DWARF: strip removes them)": 0x500,
    });
  });
});
