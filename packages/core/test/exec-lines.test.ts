/** exec's line splitting (issue 10): linear in the output, UTF-8 kept whole across chunk boundaries. */
import { describe, expect, it } from "vitest";
import { LineSplitter, exec } from "../src/exec.js";

/** Feeds bytes in chunks of `size` (odd, so multi-byte characters are cut) and collects the lines. */
function split(bytes: Buffer, size: number): string[] {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l));
  for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
  s.end();
  return lines;
}

describe("LineSplitter", () => {
  // A quadratic splitter takes minutes on this line; the test's own timeout then catches it
  // without a wall-clock assertion that a loaded machine could break.
  it("passes a 32 MiB single line fed in 16 KiB chunks through intact", { timeout: 20_000 }, () => {
    const unit = "abc€é😀\t"; // 1-, 3-, 2- and 4-byte characters
    const line = unit.repeat(Math.ceil((32 * 1024 * 1024) / Buffer.byteLength(unit)));
    const bytes = Buffer.from(`${line}\nnext\nlast`, "utf8");
    const lines = split(bytes, 16 * 1024 + 1);
    expect(lines).toHaveLength(3);
    expect((lines[0] as string).length).toBe(line.length);
    expect(lines[0] === line).toBe(true);
    expect(lines.slice(1)).toEqual(["next", "last"]);
  });

  it("keeps characters whole when every byte arrives alone, and keeps empty lines", () => {
    expect(split(Buffer.from("é😀\n\nx€\n", "utf8"), 1)).toEqual(["é😀", "", "x€"]);
  });

  it("gives exec's onStdoutLine each line of a long output", async () => {
    const lines: string[] = [];
    await exec("sh", ["-c", 'i=0; while [ $i -lt 2000 ]; do echo "line $i"; i=$((i+1)); done'], { onStdoutLine: (l) => lines.push(l) });
    expect(lines).toHaveLength(2000);
    expect(lines[1999]).toBe("line 1999");
  });
});
