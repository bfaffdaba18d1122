import { exec, which } from "@gantry/core";
import type { Section } from "./binfmt.js";

/**
 * "What makes the binary big" (issue 3, report-packages): the symbols `go tool nm -size` lists
 * in an unstripped Go binary, grouped by Go package, so a team sees which imports cost most.
 */

export interface PackageSize {
  /** Import path (`net/http`), or a bracketed group for linker data (`(type descriptors)`). */
  package: string;
  bytes: number;
  symbols: number;
}

export interface NmSymbol {
  addr: number;
  size: number;
  type: string;
  name: string;
}

/** Parses `go tool nm -size` lines: `  4a3b20     123456 T net/http.(*Server).Serve`. */
export function parseNm(text: string): NmSymbol[] {
  const out: NmSymbol[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*([0-9a-f]+)\s+(\d+)\s+([A-Za-z_])\s+(.+)$/.exec(line);
    if (m) out.push({ addr: Number.parseInt(m[1] as string, 16), size: Number(m[2]), type: m[3] as string, name: (m[4] as string).trim() });
  }
  return out;
}

/** Linker-made prefixes: what follows them names the type or interface they belong to. */
const PREFIXES = /^(type\.\.(eq|hash|namedata|importpath)\.|type[.:]|go\.itab\.|go:itab\.|go\.info\.|go:info\.)/;

/** Symbols the linker makes for whole tables, named by what they hold. */
const TABLES: [RegExp, string][] = [
  [/^runtime\.(e?pclntab|findfunctab)$/, "(pclntab: function tables)"],
  [/^(type[.:]\*|typerel\.\*|runtime\.(e?types|typelink|itablink))$/, "(type descriptors)"],
  [/^go[.:]func\.\*$/, "(func metadata)"],
  [/^go[.:]string\.\*$/, "(string literals)"],
  [/^runtime\.(e?rodata|e?noptrdata|e?data|e?bss|e?noptrbss|e?text|e?symtab|gcdata|gcbss|e?covctrs)$/, "(other data)"],
];

/**
 * The Go package a symbol belongs to: the text before the first `.` after the last `/` that
 * precedes any `(` or `[` (`net/http.(*Server).Serve` → `net/http`). The linker writes a `.`
 * inside the last path element as `%2e` (`gopkg.in/yaml%2ev3.Marshal`), so the first dot is the
 * separator.
 */
export function packageOf(symbol: string): string {
  for (const [re, label] of TABLES) if (re.test(symbol)) return label;
  if (/^go[.:]/.test(symbol) && !PREFIXES.test(symbol)) return "(linker data)";
  let name = symbol.replace(PREFIXES, "");
  if (name !== symbol) {
    name = name.replace(/^[*[\]]+/, "");
    if (!/^[A-Za-z_]/.test(name) || /^(map|func|struct|chan|interface)\b/.test(name)) return "(type descriptors)";
  }
  const stop = name.search(/[([ ,]/);
  const head = stop < 0 ? name : name.slice(0, stop);
  const slash = head.lastIndexOf("/");
  const dot = head.indexOf(".", slash + 1);
  if (dot < 0) return symbol.includes(".") ? "(linker data)" : name;
  return head.slice(0, dot).replace(/%2e/g, ".");
}

/** Outer symbols first when two cover the same bytes: section markers, then tables, then code. */
function rank(name: string): number {
  if (/^runtime\.(e?rodata|e?noptrdata|e?data|e?text)$/.test(name)) return 0;
  return /\*$|^runtime\.(e?pclntab|e?types)$/.test(name) ? 1 : 2;
}

/**
 * Bytes per package. Only bytes in the file count (zero-filled .bss, which Go's nm also marks D,
 * does not make the file bigger), and each byte counts once: on PE and Mach-O the linker's table
 * symbols (`runtime.rodata`, `type.*`) enclose the symbols inside them, so a symbol keeps only
 * the bytes none of the symbols nested in it hold.
 */
export function groupByPackage(symbols: readonly NmSymbol[], sections: readonly Section[]): PackageSize[] {
  const fileBacked = sections.filter((s) => s.loaded && s.fileSize > 0);
  const inFile = (addr: number) => fileBacked.some((s) => addr >= s.addr && addr < s.addr + s.fileSize);
  const kept = symbols
    .filter((s) => s.size > 0 && !"UBbCc_".includes(s.type) && inFile(s.addr))
    .sort((a, b) => a.addr - b.addr || b.size - a.size || rank(a.name) - rank(b.name));
  const own = new Map<NmSymbol, number>();
  const stack: NmSymbol[] = [];
  for (const s of kept) {
    while (stack.length > 0 && s.addr >= (stack.at(-1) as NmSymbol).addr + (stack.at(-1) as NmSymbol).size) stack.pop();
    const parent = stack.at(-1);
    if (parent) own.set(parent, (own.get(parent) ?? 0) - Math.min(s.size, parent.addr + parent.size - s.addr));
    own.set(s, s.size);
    stack.push(s);
  }
  const groups = new Map<string, PackageSize>();
  const add = (pkg: string, bytes: number, count: number) => {
    const g = groups.get(pkg) ?? { package: pkg, bytes: 0, symbols: 0 };
    g.bytes += bytes;
    g.symbols += count;
    groups.set(pkg, g);
  };
  for (const [s, bytes] of own) if (bytes > 0) add(packageOf(s.name), bytes, 1);
  // ELF has no symbol for the pclntab, and the symbols and DWARF themselves are what strip
  // removes: both come from the section table.
  for (const sec of sections) {
    if (/gopclntab$/.test(sec.name) && sec.fileSize > 0 && !kept.some((s) => s.addr >= sec.addr && s.addr < sec.addr + sec.fileSize)) {
      add("(pclntab: function tables)", sec.fileSize, 0);
    } else if (!sec.loaded && sec.fileSize > 0 && /^(\.z?debug_|\.symtab$|\.strtab$|__DWARF,)/.test(sec.name)) {
      add("(symbols and DWARF: strip removes them)", sec.fileSize, 0);
    }
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes || a.package.localeCompare(b.package));
}

/** The Go toolchain's nm, when Go is installed (`go` on PATH or GOROOT). */
export async function findGoNm(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return (env.GOROOT ? await which(`${env.GOROOT}/bin/go`, env) : undefined) ?? (await which("go", env));
}

/**
 * Package sizes of an unstripped Go binary, or the reason there are none. Must run before the
 * binary is stripped: afterwards nm has no symbols to read.
 */
export async function packageSizes(
  file: string,
  sections: readonly Section[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ packages: PackageSize[] } | { reason: string }> {
  const go = await findGoNm(env);
  if (!go) return { reason: "Go is not installed here, and package sizes come from `go tool nm`" };
  const r = await exec(go, ["tool", "nm", "-size", "-sort", "size", file], { allowFailure: true, timeoutMs: 120_000, env, maxBuffer: 256 * 1024 * 1024 });
  if (r.code !== 0) {
    const why = r.stderr.includes("no symbol")
      ? "the binary has no symbols (built with -s -w; build with go-build strip: false and let slim strip it)"
      : r.stderr.trim();
    return { reason: why };
  }
  return { packages: groupByPackage(parseNm(r.stdout), sections) };
}
