import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError, InputReader, mapInputSource } from "@gantry/core";
import { splitQuoted } from "../src/buildflags.js";
import { GO_BUILD_INPUTS, parseGoBuildInputs } from "../src/inputs.js";

const parse = (values: Record<string, string>) => parseGoBuildInputs(new InputReader(mapInputSource(values), GO_BUILD_INPUTS), "/ws");
const refusal = (values: Record<string, string>): InputError => {
  try {
    parse(values);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error(`accepted: ${JSON.stringify(values)}`);
};

describe("flags: go build flags that run a program or name a file are refused in every spelling", () => {
  it.each([
    "-toolexec=/tmp/prog",
    "--toolexec=/tmp/prog",
    "-exec=/tmp/prog",
    "-overlay=/tmp/overlay.json",
    "-modfile=/tmp/go.mod",
    "-pgo=/tmp/cpu.pprof",
    "-pgo=off",
    "-pkgdir=/tmp/pkg",
    "-C=/tmp",
    "-linkshared",
    "-debug-trace=/tmp/trace",
    "-gccgoflags=-x",
  ])("%s", (flag) => {
    const err = refusal({ flags: `-race\n${flag}` });
    expect(err.input).toBe("flags");
    expect(err.value).toBe(flag);
    expect(err.message).toMatch(/refused in every mode|not a go build flag/);
  });

  it("a flag whose value would be the next line is refused: its value goes after =", () => {
    const err = refusal({ flags: "-toolexec\n/tmp/prog" });
    expect(err.value).toBe("-toolexec");
    expect(refusal({ flags: "-p\n4" }).message).toContain("-p needs its value on the same line, after =");
  });

  it.each([
    "-gcflags=all=-N -l -importcfg /tmp/cfg",
    "-gcflags=-cpuprofile=/tmp/p",
    "-gcflags=all=-N /etc/passwd.go",
    "-gcflags=/abs/...=-N",
    "-gcflags=../other=-N",
    "-asmflags=-I /tmp/include",
    "-asmflags=all=-o=/tmp/x",
  ])("inside -gcflags or -asmflags: %s", (flag) => {
    const err = refusal({ flags: flag });
    expect(err.input).toBe("flags");
  });

  it("the flags people use pass", () => {
    const flags = [
      "-race",
      "-gcflags=all=-N -l",
      "-gcflags=-m=2",
      "-asmflags=all=-S",
      "-buildvcs=true",
      "-p=4",
      "-mod=vendor",
      "-v",
      "-x=false",
      "--cover",
      "-covermode=atomic",
    ];
    expect(parse({ flags: flags.join("\n") }).flags).toEqual(flags);
  });

  it("-o, -ldflags, -tags and -trimpath stay go-build's own", () => {
    for (const f of ["-o=x", "-ldflags=-s", "--tags=a", "-trimpath"]) expect(refusal({ flags: f }).message).toContain("is set by go-build");
  });
});

describe("ldflags: linker flags that run a program or name a file are refused in every spelling", () => {
  it.each([
    ["-extld=/tmp/prog", "-extld=/tmp/prog"],
    ["-extld /tmp/prog", "-extld"],
    ["--extld=/tmp/prog", "--extld=/tmp/prog"],
    ["-s -w -extldflags -static", "-extldflags"],
    ["-extldflags='-fuse-ld=/tmp/prog'", "-extldflags='-fuse-ld=/tmp/prog'"],
    ["-linkmode=external", "-linkmode=external"],
    ["-linkmode external", "-linkmode external"],
    ["--linkmode 'external'", "--linkmode external"],
    ["-tmpdir=/tmp/x", "-tmpdir=/tmp/x"],
    ["-r /tmp/lib", "-r"],
    ["-L /tmp/lib", "-L"],
    ["-I /tmp/ld.so", "-I"],
    ["-importcfg /tmp/cfg", "-importcfg"],
    ["-cpuprofile=/tmp/prof", "-cpuprofile=/tmp/prof"],
    ["-capturehostobjs=/tmp/x", "-capturehostobjs=/tmp/x"],
    ["-o /tmp/bin", "-o"],
    ["-s /tmp/extra.o", "/tmp/extra.o"],
    ["-s -- -extld=/tmp/prog", "--"],
    ["'-extld=/tmp/prog", "'-extld=/tmp/prog"],
  ])("%s", (ldflags, value) => {
    const err = refusal({ ldflags });
    expect(err.input).toBe("ldflags");
    expect(err.value).toBe(value);
  });

  it("the linker flags people use pass, -X values with spaces quoted as Go splits them", () => {
    for (const ok of [
      "-s -w",
      "-X main.a=b",
      "-X=main.a=b",
      "-X 'main.msg=hello world'",
      "-linkmode=internal",
      "-buildid=",
      "-compressdwarf=false",
      "-B gobuildid",
    ])
      expect(parse({ ldflags: ok }).ldflags).toBe(ok);
  });

  it("splits words as cmd/internal/quoted does", () => {
    expect(splitQuoted(` -X 'a.b=c d'  "-s"x -w `, "ldflags")).toEqual(["-X", "a.b=c d", "-s", "x", "-w"]);
    expect(splitQuoted("a'b c", "ldflags")).toEqual(["a'b", "c"]);
  });

  it("any ldflags text gives inputs or an InputError naming ldflags", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        try {
          parse({ ldflags: value });
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as InputError).input).toBe("ldflags");
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("main stays inside the module", () => {
  it.each(["/tmp/evil", "../other/cmd", "./cmd/../../x", "C:/evil"])("%s is refused", (main) => {
    expect(refusal({ main }).input).toBe("main");
  });
  it.each([".", "./cmd/server", "example.com/svc/cmd/x"])("%s passes", (main) => {
    expect(parse({ main }).main).toBe(main);
  });
});
