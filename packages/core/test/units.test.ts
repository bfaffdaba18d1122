import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDuration, parsePercent, parseSize } from "../src/units.js";

describe("parseSize", () => {
  it.each([
    ["8MB", 8_000_000],
    ["512KiB", 524_288],
    ["1200000B", 1_200_000],
    ["1200000", 1_200_000],
    ["1.5GiB", 1_610_612_736],
  ])("%s → %d bytes", (text, bytes) => expect(parseSize(text)).toBe(bytes));
  it.each(["8 MB", "-1", "8XB", "", "MB", "1e6"])("refuses %j", (text) => expect(parseSize(text)).toBeUndefined());
});

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["5m30s", 330_000],
    ["250ms", 250],
    ["1h", 3_600_000],
  ])("%s → %d ms", (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(["30", "5m30", "", "s", "-5s", "5 s"])("refuses %j (a unit is required)", (text) => expect(parseDuration(text)).toBeUndefined());
});

describe("parsePercent", () => {
  it("reads 5% and 0.5%", () => {
    expect(parsePercent("5%")).toBe(5);
    expect(parsePercent("0.5%")).toBe(0.5);
    expect(parsePercent("5")).toBeUndefined();
  });
});

describe("unit parsers never crash", () => {
  it("give a number or undefined for any string", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const f of [parseSize, parseDuration, parsePercent]) {
          const v = f(s);
          expect(v === undefined || (Number.isFinite(v) && v >= 0)).toBe(true);
        }
      }),
    );
  });
});
