import { InputError } from "@gantry/core";

/**
 * The allow-lists every `flags` and `ldflags` value passes, in every mode: go-build's inputs may
 * come from a provenance statement a stranger wrote (verify mode), so no flag may name a program
 * to run or a file outside the checkout. Go's flag package accepts `-f=v`, `-f v` and `--f` alike
 * (and a bool flag only as `-f` or `-f=bool`), so each spelling is read the way Go reads it.
 */

/** A flag Go accepts alone (`-s`, `-s=false`), or one that takes a value that must match. */
type Spec = { bool: true } | { value: RegExp; accepted: string };

const BOOL: Spec = { bool: true };
/** What Go's strconv.ParseBool takes, and the count flags' (`-m=2`) numbers. */
const BOOL_VALUE = /^(?:[0-9]+|t|f|T|F|true|false|TRUE|FALSE|True|False)$/;
const value = (re: RegExp, accepted: string): Spec => ({ value: re, accepted });
const DIGITS = value(/^[0-9]+$/, "a number");

/** `go build` flags go-build passes through `flags`, one per line, values after `=`. */
const GO_BUILD_FLAGS: Record<string, Spec> = {
  a: BOOL,
  n: BOOL,
  race: BOOL,
  msan: BOOL,
  asan: BOOL,
  cover: BOOL,
  v: BOOL,
  work: BOOL,
  x: BOOL,
  json: BOOL,
  modcacherw: BOOL,
  p: DIGITS,
  covermode: value(/^(?:set|count|atomic)$/, "set, count or atomic"),
  coverpkg: value(/^[A-Za-z0-9._~/-]+(?:,[A-Za-z0-9._~/-]+)*$/, "package patterns, comma-separated"),
  buildmode: value(/^(?:default|exe|pie)$/, "default, exe or pie"),
  buildvcs: value(/^(?:true|false|auto)$/, "true, false or auto"),
  compiler: value(/^gc$/, "gc"),
  mod: value(/^(?:readonly|vendor|mod)$/, "readonly, vendor or mod"),
  installsuffix: value(/^[A-Za-z0-9_]+$/, "letters, digits and '_'"),
  gcflags: value(/^/, "compiler flags"),
  asmflags: value(/^/, "assembler flags"),
};

/** Compiler flags (`-gcflags`): the debugging and diagnostic ones; none reads or writes a file. */
const COMPILE_FLAGS: Record<string, Spec> = {
  ...Object.fromEntries(
    ["N", "l", "m", "B", "C", "S", "e", "w", "live", "smallframes", "std", "complete", "race", "msan", "asan", "nolocalimports", "wb", "dwarf"].map((f) => [
      f,
      BOOL,
    ]),
  ),
  dwarflocationlists: BOOL,
  dwarfbasentries: BOOL,
  c: DIGITS,
  lang: value(/^go[0-9]+\.[0-9]+$/, "a language version such as go1.22"),
  spectre: value(/^(?:all|index|ret)(?:,(?:all|index|ret))*$/, "all, index or ret"),
  d: value(/^(?:checkptr(?:=[0-2])?|libfuzzer)(?:,(?:checkptr(?:=[0-2])?|libfuzzer))*$/, "checkptr, checkptr=N or libfuzzer"),
};

/** Assembler flags (`-asmflags`): no -I (a folder to read) and no -o (a file to write). */
const ASM_FLAGS: Record<string, Spec> = {
  S: BOOL,
  e: BOOL,
  shared: BOOL,
  dynlink: BOOL,
  debug: BOOL,
  spectre: value(/^(?:all|ret)(?:,(?:all|ret))*$/, "all or ret"),
  D: value(/^[A-Za-z_][A-Za-z0-9_]*(?:=[^\s]*)?$/, "name or name=value"),
};

/** Linker flags (`ldflags`): stripping, stamps and layout; never an external linker or a path. */
const LINK_FLAGS: Record<string, Spec> = {
  ...Object.fromEntries(
    ["s", "w", "f", "v", "c", "d", "dumpdep", "race", "msan", "asan", "bindnow", "aslr", "compressdwarf", "checklinkname"].map((f) => [f, BOOL]),
  ),
  X: value(/^[\w./~-]+\.[A-Za-z_]\w*=/, "importpath.name=value"),
  buildid: value(/^\S*$/, "an id without spaces"),
  B: value(/^(?:gobuildid|0x[0-9a-fA-F]+)$/, "gobuildid or 0x followed by hex digits"),
  linkmode: value(/^(?:internal|auto)$/, "internal or auto (external runs the C linker)"),
  strictdups: DIGITS,
  E: value(/^[A-Za-z_.][A-Za-z0-9_.]*$/, "a symbol name"),
  T: value(/^(?:0x)?[0-9a-fA-F]+$/, "an address"),
  R: DIGITS,
};

/** Why a flag that names a program or a file is refused, whatever its spelling or its place. */
const REFUSED: Record<string, string> = {
  toolexec: "it names a program to run",
  exec: "it names a program to run",
  overlay: "it names a file of replacement sources",
  modfile: "it names a go.mod to use instead of the checkout's",
  pgo: "it names a profile file (go-build leaves -pgo at auto: default.pgo beside the main package)",
  pkgdir: "it names a folder of packages outside the checkout",
  C: "it moves the build to another folder",
  linkshared: "it links against shared libraries outside the checkout",
  gccgoflags: "it passes flags to gccgo, which go-build does not use",
  extld: "it names the external linker, a program to run",
  extldflags: "it passes flags to the external linker",
  extar: "it names an archiver, a program to run",
  tmpdir: "it names a folder outside the checkout",
  importcfg: "it names a file to read",
  I: "it names a file (the dynamic linker) or a folder outside the checkout",
  L: "it names a folder to read outside the checkout",
  r: "it names library folders outside the checkout",
  libgcc: "it names a file to read",
  capturehostobjs: "it names a folder to write",
  o: "it names a file to write",
  cpuprofile: "it names a file to write",
  memprofile: "it names a file to write",
  benchmarkprofile: "it names a file to write",
  trace: "it names a file to write",
  "debug-actiongraph": "it names a file to write",
  "debug-trace": "it names a file to write",
  "debug-runtime-trace": "it names a file to write",
};

/** Flags go-build sets itself, through its own inputs. */
const OWNED: Record<string, string> = { o: "out-dir", ldflags: "ldflags", tags: "tags", trimpath: "" };

/**
 * Splits flag words the way Go does (cmd/internal/quoted.Split): space-separated, a word that
 * starts with ' or " runs to the next such quote, no escapes.
 */
export function splitQuoted(text: string, input: string): string[] {
  const words: string[] = [];
  let s = text;
  for (;;) {
    s = s.replace(/^[ \t\n\r]+/, "");
    if (s === "") return words;
    const quote = s[0] as string;
    if (quote === "'" || quote === '"') {
      const end = s.indexOf(quote, 1);
      if (end < 0) throw new InputError(input, text, `its ${quote} quote is not closed (Go splits flags at spaces, a word may be quoted whole)`);
      words.push(s.slice(1, end));
      s = s.slice(end + 1);
      continue;
    }
    const end = s.search(/[ \t\n\r]/);
    words.push(end < 0 ? s : s.slice(0, end));
    s = end < 0 ? "" : s.slice(end);
  }
}

const accepted = (table: Record<string, Spec>) =>
  `accepted: ${Object.keys(table)
    .map((f) => `-${f}`)
    .join(", ")}`;

/** Checks one flag word list (a tool's flags) against its table; `-f v` takes the next word as Go does. */
function checkWords(words: readonly string[], table: Record<string, Spec>, input: string, tool: string): void {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const m = /^--?([A-Za-z][A-Za-z0-9_-]*)(?:=([\s\S]*))?$/.exec(word);
    if (!m)
      throw new InputError(
        input,
        word,
        `${tool} takes only flags here, and ${JSON.stringify(word)} is not one (a word after them would be read as a file); ${accepted(table)}`,
      );
    const name = m[1] as string;
    const spec = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!spec) {
      if (Object.hasOwn(REFUSED, name)) throw new InputError(input, word, `-${name} is refused in every mode: ${REFUSED[name]}; ${accepted(table)}`);
      throw new InputError(input, word, `-${name} is not a ${tool} flag go-build passes on; ${accepted(table)}`);
    }
    let v = m[2];
    if ("bool" in spec) {
      if (v !== undefined && !BOOL_VALUE.test(v)) throw new InputError(input, word, `-${name} takes no value but true or false`);
      continue;
    }
    if (v === undefined) {
      v = words[i + 1];
      if (v === undefined) throw new InputError(input, word, `-${name} needs a value: ${spec.accepted}`);
      i++;
    }
    if (!spec.value.test(v)) throw new InputError(input, `${word}${m[2] === undefined ? ` ${v}` : ""}`, `-${name} takes ${spec.accepted}`);
  }
}

/** A per-package flag value (`all=-N -l`, `-N -l`): the pattern checked, then each word. */
function checkPerPackage(text: string, table: Record<string, Spec>, input: string, tool: string): void {
  let v = text.trim();
  if (v !== "" && !v.startsWith("-")) {
    const eq = v.indexOf("=");
    const pattern = eq > 0 ? v.slice(0, eq).trim() : "";
    if (!/^[A-Za-z0-9._~/-]+$/.test(pattern) || pattern.startsWith("/") || pattern.split("/").includes(".."))
      throw new InputError(input, text, `accepted: [pattern=]flags with a package pattern inside the module (all, std, ./...), e.g. all=-N -l`);
    v = v.slice(eq + 1);
  }
  checkWords(splitQuoted(v, input), table, input, tool);
}

/** `flags`, one `go build` flag per line; a value goes after `=` on the same line. */
export function checkGoFlags(lines: readonly string[], input = "flags"): void {
  for (const line of lines) {
    const m = /^--?([A-Za-z][A-Za-z0-9_-]*)(?:=(.*))?$/.exec(line);
    if (!m) throw new InputError(input, line, "accepted: one go build flag per line, e.g. -race or -gcflags=all=-N");
    const name = m[1] as string;
    if (Object.hasOwn(OWNED, name))
      throw new InputError(input, line, `-${name} is set by go-build${OWNED[name] ? `; use its own input (${OWNED[name]})` : ""}`);
    const spec = GO_BUILD_FLAGS[name];
    if (spec && !("bool" in spec) && m[2] === undefined)
      throw new InputError(input, line, `-${name} needs its value on the same line, after =: ${spec.accepted}`);
    checkWords([line], GO_BUILD_FLAGS, input, "go build");
    if (name === "gcflags") checkPerPackage(m[2] as string, COMPILE_FLAGS, input, "the compiler (-gcflags)");
    if (name === "asmflags") checkPerPackage(m[2] as string, ASM_FLAGS, input, "the assembler (-asmflags)");
  }
}

/** `ldflags`, the linker flags added after go-build's own. */
export function checkLdflags(text: string, input = "ldflags"): void {
  checkWords(splitQuoted(text, input), LINK_FLAGS, input, "the linker");
}
