import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shCommand, shQuote, shScript } from "../../src/hosts/ssh/shell.js";

/** What a shell makes of a command line: each word printed between < and >. */
function words(shell: string, line: string): string {
  return execFileSync(shell, ["-c", `printf '<%s>' ${line}`], { encoding: "utf8" });
}

const SHELLS = ["/bin/sh", "/bin/dash", "/bin/bash"];
/** Any text a value may hold: quotes, $(), backticks, globs, newlines, unicode; not NUL, which no argument can hold. */
const anyText = fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !s.includes("\0"));
const nasty = fc.constantFrom("'", "''", "'\\''", '"', "$(id)", "`id`", "$HOME", "*", "~", "a b", "\n", "-o", "=x", "!", "\\", ";rm -rf /", "%s", "{a,b}");

describe("shQuote", () => {
  it("leaves plain words readable and quotes the rest", () => {
    expect(shQuote("/var/lib/gantry/hello")).toBe("/var/lib/gantry/hello");
    expect(shQuote("a b")).toBe("'a b'");
    expect(shQuote("it's")).toBe("'it'\\''s'");
    expect(shQuote("")).toBe("''");
    expect(shQuote("=cmd")).toBe("'=cmd'");
  });

  it("refuses NUL, which no argument can carry", () => {
    expect(() => shQuote("a\0b")).toThrow(/NUL/);
  });

  for (const shell of SHELLS) {
    it(`round-trips any text through ${shell} unchanged (property)`, () => {
      fc.assert(
        fc.property(fc.oneof(anyText, nasty), (s) => {
          expect(words(shell, shQuote(s))).toBe(`<${s}>`);
        }),
        { numRuns: 150 },
      );
    });
  }

  it("keeps several words apart, however they look", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyText, nasty), { minLength: 1, maxLength: 5 }), (list) => {
        expect(words("/bin/sh", list.map(shQuote).join(" "))).toBe(list.map((w) => `<${w}>`).join(""));
      }),
      { numRuns: 60 },
    );
  });
});

describe("shScript", () => {
  it("hands values to a constant script as $1… only", () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const line = shScript('printf "<%s>" "$1" "$2" "$#"', [a, b]);
        // The login shell parses the line, then sh runs the script: two layers, values intact.
        expect(execFileSync("/bin/bash", ["-c", line], { encoding: "utf8" })).toBe(`<${a}><${b}><2>`);
      }),
      { numRuns: 80 },
    );
  });

  it("never splices a value into the script text", () => {
    const line = shScript('echo "$1"', ["$(touch /tmp/gantry-pwned)"]);
    expect(line).toContain("'$(touch /tmp/gantry-pwned)'");
    expect(execFileSync("/bin/sh", ["-c", line], { encoding: "utf8" })).toBe("$(touch /tmp/gantry-pwned)\n");
  });

  it("rejects an empty command", () => {
    expect(() => shCommand([])).toThrow(/empty/);
  });
});
