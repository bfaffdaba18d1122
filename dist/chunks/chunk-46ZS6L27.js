import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  require_tar_stream
} from "./chunk-KBUWGMZH.js";
import {
  deflateSync,
  gunzipSync,
  gzipSync,
  unzipSync,
  zipSync
} from "./chunk-CERUWQNN.js";
import {
  GantryError,
  InputError,
  InputReader,
  SBOM_SUFFIXES,
  SIZE_ACCEPTED,
  details,
  exec,
  exists,
  findCachedTool,
  formatBytes,
  formatDuration,
  gzipReproducible,
  hostTarget,
  installTool,
  parseChecksums,
  parseSize,
  parseTarget,
  provenanceJson,
  readManifest,
  readProvenance,
  reissueStatement,
  resolveInManifest,
  runnerArch,
  sha256,
  sha256File,
  splitList,
  table,
  which,
  writeManifest,
  writeNewFile
} from "./chunk-FZKQP3XX.js";
import {
  __toESM
} from "./chunk-6LYVYBIT.js";

// packages/slim/src/artifacts.ts
import { readFile as readFile4 } from "node:fs/promises";
import { basename as basename2 } from "node:path";

// packages/slim/src/inputs.ts
import { isAbsolute, resolve } from "node:path";
var SLIM_INPUTS = {
  manifest: "dist/artifacts.json",
  files: "",
  strip: "auto",
  upx: "auto",
  "upx-version": "5.2.0",
  "upx-args": "--best",
  "upx-sha256": "",
  "upx-download-base-url": "https://github.com/upx/upx/releases/download",
  verify: "true",
  "smoke-args": "--version",
  "smoke-timeout": "10s",
  "on-verify-failure": "fail",
  "keep-original": "false",
  "max-size": "",
  "max-growth": "",
  baseline: "",
  "report-packages": "true",
  "report-file": ""
}, UPX_ARG = /^(-[1-9]|--best|--brute|--ultra-brute|--lzma|--nrv2[bde]|--all-methods|--all-filters|--no-lzma|--exact|--compress-(exports|icons|resources)=[0-3]|--strip-relocs=[01]|--no-align|-q|-qq|--no-progress)$/, UPX_ARGS_ACCEPTED = "accepted: space-separated UPX compression options: -1 … -9, --best, --brute, --ultra-brute, --lzma, --nrv2b/d/e, --all-methods, --all-filters, --exact, --compress-exports=N, --compress-icons=N, --compress-resources=N, --strip-relocs=N, --no-align, -q (gantry sets -o, -t and never --force)";
function parseSizeBudget(text, input = "max-size") {
  let items = splitList(text);
  if (items.length === 0) return;
  let budget = { perTarget: {} };
  for (let item of items) {
    let eq = item.indexOf("="), sizeText = (eq >= 0 ? item.slice(eq + 1) : item).trim(), bytes = parseSize(sizeText);
    if (bytes === void 0 || bytes <= 0)
      throw new InputError(input, item, `${SIZE_ACCEPTED}; per target: linux/amd64=8MB, windows/amd64=9MB`);
    if (eq < 0) {
      if (budget.all !== void 0) throw new InputError(input, text, "give one size for every binary at most; per target: linux/amd64=8MB");
      budget.all = bytes;
    } else {
      let target = parseTarget(item.slice(0, eq), input), key = `${target.os}/${target.arch}${target.variant ? `/${target.variant}` : ""}`;
      if (key in budget.perTarget) throw new InputError(input, item, `${key} is given twice`);
      budget.perTarget[key] = bytes;
    }
  }
  return budget;
}
function parseSlimInputs(read, cwd) {
  let abs = (p) => isAbsolute(p) ? p : resolve(cwd, p), upxArgs = read.string("upx-args").split(/\s+/).filter(Boolean);
  for (let a of upxArgs) if (!UPX_ARG.test(a)) throw new InputError("upx-args", a, UPX_ARGS_ACCEPTED);
  let upxVersion = read.string("upx-version");
  if (!/^\d+\.\d+\.\d+$/.test(upxVersion)) throw new InputError("upx-version", upxVersion, "accepted: a UPX release version such as 5.2.0");
  let upxSha256 = read.string("upx-sha256").toLowerCase();
  if (upxSha256 && !/^[0-9a-f]{64}$/.test(upxSha256)) throw new InputError("upx-sha256", upxSha256, "accepted: 64 hex digits (sha256 of the release archive)");
  let baseUrl = read.string("upx-download-base-url");
  if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new InputError("upx-download-base-url", baseUrl, "accepted: an http(s) URL");
  let files = read.lines("files");
  for (let f of files)
    if (f.startsWith("!")) throw new InputError("files", f, "accepted: globs of files to slim; exclusions (!) are not supported");
  let maxGrowth = read.percent("max-growth"), baseline = read.string("baseline");
  if (maxGrowth !== void 0 && !baseline)
    throw new InputError(
      "max-growth",
      read.string("max-growth"),
      "it needs baseline: the size report JSON of a previous run (report-file or the report output)"
    );
  let smokeTimeoutMs = read.duration("smoke-timeout");
  if (smokeTimeoutMs <= 0) throw new InputError("smoke-timeout", read.string("smoke-timeout"), "accepted: a positive duration such as 10s");
  return {
    manifest: abs(read.string("manifest") || "dist/artifacts.json"),
    files,
    strip: read.choice("strip", ["auto", "true", "false"]),
    upx: read.choice("upx", ["auto", "true", "false"]),
    upxVersion,
    upxArgs,
    upxSha256,
    upxDownloadBaseUrl: baseUrl.replace(/\/+$/, ""),
    verify: read.bool("verify"),
    smokeArgs: read.string("smoke-args").split(/\s+/).filter(Boolean),
    smokeTimeoutMs,
    onVerifyFailure: read.choice("on-verify-failure", ["fail", "restore-and-warn"]),
    keepOriginal: read.bool("keep-original"),
    maxSize: parseSizeBudget(read.string("max-size")),
    maxGrowth,
    baseline: baseline ? abs(baseline) : "",
    reportPackages: read.bool("report-packages"),
    reportFile: read.string("report-file") ? abs(read.string("report-file")) : "",
    cwd
  };
}

// packages/slim/src/plan.ts
import { constants } from "node:fs";
import { access, readFile, stat } from "node:fs/promises";
import { dirname, relative as relative2 } from "node:path";

// packages/slim/src/binfmt.ts
var NotExecutableError = class extends Error {
  name = "NotExecutableError";
}, ELF_MACHINE = {
  3: () => "386",
  62: () => "amd64",
  40: () => "arm",
  183: () => "arm64",
  8: (bits, le) => (bits === 64 ? "mips64" : "mips") + (le ? "le" : ""),
  21: (_bits, le) => le ? "ppc64le" : "ppc64",
  22: () => "s390x",
  243: () => "riscv64",
  258: () => "loong64"
}, ELF_OSABI = { 9: "freebsd", 12: "openbsd", 2: "netbsd", 6: "solaris" }, PE_MACHINE = /* @__PURE__ */ new Map([
  [332, "386"],
  [34404, "amd64"],
  [43620, "arm64"],
  [452, "arm"]
]), MACHO_CPU = /* @__PURE__ */ new Map([
  [7, "386"],
  [16777223, "amd64"],
  [12, "arm"],
  [16777228, "arm64"]
]), DEBUG_SECTION = /^(\.z?debug_|__debug_|\.symtab$|\.strtab$)/, Reader = class {
  constructor(buf, le) {
    this.buf = buf;
    this.le = le;
  }
  buf;
  le;
  check(off, n) {
    if (!Number.isInteger(off) || off < 0 || off + n > this.buf.length) throw new NotExecutableError(`header field at ${off} lies outside the file`);
  }
  u8(off) {
    return this.check(off, 1), this.buf[off];
  }
  u16(off) {
    return this.check(off, 2), this.le ? this.buf.readUInt16LE(off) : this.buf.readUInt16BE(off);
  }
  u32(off) {
    return this.check(off, 4), this.le ? this.buf.readUInt32LE(off) : this.buf.readUInt32BE(off);
  }
  u64(off) {
    return this.check(off, 8), Number(this.le ? this.buf.readBigUInt64LE(off) : this.buf.readBigUInt64BE(off));
  }
  /** A NUL-terminated string (at most `max` bytes). */
  cstr(off, max = 256) {
    this.check(off, 0);
    let end = this.buf.indexOf(0, off);
    return this.buf.toString("latin1", off, end < 0 ? Math.min(this.buf.length, off + max) : Math.min(end, off + max));
  }
};
function hasUpxMark(buf) {
  return buf.subarray(0, 4096).includes("UPX!");
}
function parseElf(buf) {
  let bits = buf[4] === 2 ? 64 : buf[4] === 1 ? 32 : void 0, le = buf[5] === 1 ? !0 : buf[5] === 2 ? !1 : void 0;
  if (bits === void 0 || le === void 0) throw new NotExecutableError("ELF header has an unknown class or byte order");
  let r = new Reader(buf, le), type = r.u16(16);
  if (type !== 2 && type !== 3) throw new NotExecutableError(`ELF file of type ${type} is not an executable (object file or core dump)`);
  let machine = r.u16(18), archOf = ELF_MACHINE[machine];
  if (!archOf) throw new NotExecutableError(`ELF machine ${machine} is not one Go builds for`);
  let w = bits === 64 ? 8 : 4, word = (off) => bits === 64 ? r.u64(off) : r.u32(off), entry = word(24), shoff = word(24 + 2 * w), base = 24 + 3 * w + 4, shentsize = r.u16(base + 6), shnum = r.u16(base + 8), shstrndx = r.u16(base + 10), raw = [];
  for (let i = 0; i < shnum && shoff > 0; i++) {
    let h = shoff + i * shentsize;
    raw.push({
      nameOff: r.u32(h),
      type: r.u32(h + 4),
      flags: word(h + 8),
      addr: word(h + 8 + w),
      offset: word(h + 8 + 2 * w),
      size: word(h + 8 + 3 * w)
    });
  }
  let strtab = raw[shstrndx], sections = raw.map((s) => ({
    name: strtab ? r.cstr(strtab.offset + s.nameOff) : "",
    addr: s.addr,
    offset: s.offset,
    fileSize: s.type === 8 ? 0 : s.size,
    // SHT_NOBITS (.bss) has no bytes in the file
    loaded: (s.flags & 2) !== 0
    // SHF_ALLOC
  })), names = new Set(sections.map((s) => s.name)), os = ELF_OSABI[buf[7]] ?? "linux";
  return names.has(".note.netbsd.ident") ? os = "netbsd" : names.has(".note.openbsd.ident") && (os = "openbsd"), {
    format: "elf",
    os,
    arch: archOf(bits, le),
    bits,
    littleEndian: le,
    pie: type === 3,
    hasSymbols: sections.some((s) => DEBUG_SECTION.test(s.name)),
    signed: !1,
    upxPacked: hasUpxMark(buf),
    entry,
    sections
  };
}
function parsePe(buf) {
  let r = new Reader(buf, !0), pe = r.u32(60);
  if (r.u32(pe) !== 17744) throw new NotExecutableError("MZ file without a PE header (a DOS program?)");
  let coff = pe + 4, machine = r.u16(coff), arch = PE_MACHINE.get(machine);
  if (!arch) throw new NotExecutableError(`PE machine 0x${machine.toString(16)} is not one Go builds for`);
  let nsections = r.u16(coff + 2), symtab = r.u32(coff + 8), nsyms = r.u32(coff + 12), optSize = r.u16(coff + 16), characteristics = r.u16(coff + 18);
  if ((characteristics & 2) === 0 || (characteristics & 8192) !== 0) throw new NotExecutableError("PE file is a DLL or not marked executable");
  let opt = coff + 20, magic = r.u16(opt), bits = magic === 523 ? 64 : magic === 267 ? 32 : void 0;
  if (!bits) throw new NotExecutableError(`PE optional header has unknown magic 0x${magic.toString(16)}`);
  let imageBase = bits === 64 ? r.u64(opt + 24) : r.u32(opt + 28), entry = imageBase + r.u32(opt + 16), dllCharacteristics = r.u16(opt + 70), strings = symtab > 0 ? symtab + nsyms * 18 : 0, sections = [];
  for (let i = 0; i < nsections; i++) {
    let h = opt + optSize + i * 40, name = r.cstr(h, 8);
    name.startsWith("/") && strings > 0 && /^\/\d+$/.test(name) && (name = r.cstr(strings + Number(name.slice(1))));
    let virtualSize = r.u32(h + 8), rawSize = r.u32(h + 16), flags = r.u32(h + 36);
    sections.push({
      name,
      addr: imageBase + r.u32(h + 12),
      offset: r.u32(h + 20),
      fileSize: Math.min(rawSize, virtualSize || rawSize),
      // .reloc is discardable yet must survive a strip unchanged, so every non-debug section counts.
      loaded: !DEBUG_SECTION.test(name) && (flags & 33554432 ? name === ".reloc" : !0)
    });
  }
  return {
    format: "pe",
    os: "windows",
    arch,
    bits,
    littleEndian: !0,
    pie: (dllCharacteristics & 64) !== 0,
    // Go keeps an empty 4-byte .symtab section after -s; only real symbols or DWARF count.
    hasSymbols: nsyms > 0 || sections.some((s) => /^\.z?debug_/.test(s.name)),
    signed: !1,
    upxPacked: hasUpxMark(buf) || sections.some((s) => /^UPX\d$/.test(s.name)),
    entry,
    sections
  };
}
function parseMachO(buf) {
  let magic = buf.readUInt32LE(0), le = magic === 4277009103 || magic === 4277009102, r = new Reader(buf, le), bits = r.u32(0) === 4277009103 ? 64 : 32, cpu = r.u32(4), arch = MACHO_CPU.get(cpu);
  if (!arch) throw new NotExecutableError(`Mach-O CPU type 0x${cpu.toString(16)} is not one Go builds for`);
  if (r.u32(12) !== 2) throw new NotExecutableError("Mach-O file is not an executable (MH_EXECUTE)");
  let ncmds = r.u32(16), flags = r.u32(24), off = bits === 64 ? 32 : 28, sections = [], nsyms = 0, signed = !1, entry = 0, textVmaddr = 0;
  for (let i = 0; i < ncmds; i++) {
    let cmd = r.u32(off), size = r.u32(off + 4);
    if (size < 8) throw new NotExecutableError("Mach-O load command of size < 8");
    if (cmd === 25 || cmd === 1) {
      let seg = r.cstr(off + 8, 16), is64 = cmd === 25;
      seg === "__TEXT" && (textVmaddr = is64 ? r.u64(off + 24) : r.u32(off + 24));
      let nsects = r.u32(off + (is64 ? 64 : 48)), s = off + (is64 ? 72 : 56);
      for (let j = 0; j < nsects; j++, s += is64 ? 80 : 68) {
        let zerofill = (r.u32(s + (is64 ? 64 : 56)) & 255) === 1;
        sections.push({
          name: `${seg},${r.cstr(s, 16)}`,
          addr: is64 ? r.u64(s + 32) : r.u32(s + 32),
          offset: r.u32(s + (is64 ? 48 : 40)),
          fileSize: zerofill ? 0 : is64 ? r.u64(s + 40) : r.u32(s + 36),
          loaded: seg !== "__DWARF"
        });
      }
    } else cmd === 2 ? nsyms = r.u32(off + 12) : cmd === 29 ? signed = !0 : cmd === 2147483688 && (entry = r.u64(off + 8));
    off += size;
  }
  return {
    format: "macho",
    os: "darwin",
    arch,
    bits,
    littleEndian: le,
    pie: (flags & 2097152) !== 0,
    hasSymbols: nsyms > 0 || sections.some((s) => s.name.startsWith("__DWARF,")),
    signed,
    upxPacked: hasUpxMark(buf),
    entry: textVmaddr + entry,
    sections
  };
}
function parseExecutable(buf) {
  if (buf.length < 64) throw new NotExecutableError("the file is too short to be an executable");
  let m = buf.readUInt32BE(0), withGo = (info) => ({ ...info, go: isGo(buf, info.sections) });
  try {
    if (m === 2135247942) return withGo(parseElf(buf));
    if (buf[0] === 77 && buf[1] === 90) return withGo(parsePe(buf));
    if ([3489328638, 3472551422, 4277009103, 4277009102].includes(m)) return withGo(parseMachO(buf));
  } catch (err) {
    throw err instanceof NotExecutableError ? err : new NotExecutableError(`its headers are damaged (${err.message})`);
  }
  throw m === 3405691582 ? new NotExecutableError("universal (fat) Mach-O binaries or Java classes are not supported; slim each architecture's binary") : buf[0] === 35 && buf[1] === 33 ? new NotExecutableError("it is a script (#!), not a compiled executable") : new NotExecutableError("it is not an ELF, PE or Mach-O executable");
}
var GO_BUILDINFO_MAGIC = Buffer.from("ÿ Go buildinf:", "latin1");
function isGo(buf, sections) {
  return sections.some((s) => /gopclntab|go\.buildinfo|go_buildinfo/.test(s.name)) || buf.includes(GO_BUILDINFO_MAGIC);
}
function targetOf(info) {
  return `${info.os}/${info.arch}`;
}

// packages/slim/src/glob.ts
import { readdir } from "node:fs/promises";
import { isAbsolute as isAbsolute2, join, relative, resolve as resolve2, sep } from "node:path";
function globToRegExp(pattern) {
  let re = "", inBraces = 0;
  for (let i = 0; i < pattern.length; i++) {
    let c = pattern[i];
    if (c === "*")
      if (pattern[i + 1] === "*") {
        let slash = pattern[i + 2] === "/";
        re += slash ? "(?:[^/]+/)*" : ".*", i += slash ? 2 : 1;
      } else re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      let end = pattern.indexOf("]", i + 1);
      end < 0 ? re += "\\[" : (re += `[${pattern.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`, i = end);
    } else c === "{" ? (inBraces++, re += "(?:") : c === "}" && inBraces > 0 ? (inBraces--, re += ")") : c === "," && inBraces > 0 ? re += "|" : re += c.replace(/[.+^$()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
function staticPrefix(pattern) {
  let parts = pattern.split("/"), fixed = [];
  for (let p of parts.slice(0, -1)) {
    if (/[*?[{]/.test(p)) break;
    fixed.push(p);
  }
  return fixed.join("/");
}
async function walk(dir, out, depth = 0) {
  if (depth > 32) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: !0 });
  } catch {
    return;
  }
  for (let e of entries) {
    if (e.name === "node_modules" || e.name === ".git") continue;
    let p = join(dir, e.name);
    e.isDirectory() ? await walk(p, out, depth + 1) : out.push(p);
  }
}
async function globFiles(pattern, cwd) {
  let normalized = pattern.split(sep).join("/");
  if (!/[*?[{]/.test(normalized)) return [isAbsolute2(normalized) ? normalized : resolve2(cwd, normalized)];
  let abs = isAbsolute2(normalized), base = abs ? "/" : cwd, prefix = staticPrefix(abs ? normalized.slice(1) : normalized), re = globToRegExp(abs ? normalized.slice(1) : normalized), found = [];
  await walk(resolve2(base, prefix || "."), found);
  let hiddenOk = /(^|\/)\./.test(normalized);
  return found.filter((f) => {
    let rel = relative(base, f).split(sep).join("/");
    return re.test(rel) && (hiddenOk || !/(^|\/)\./.test(rel));
  }).sort();
}

// packages/slim/src/plan.ts
var NOT_BINARIES = [".orig", SBOM_SUFFIXES.spdx, SBOM_SUFFIXES.cyclonedx];
async function filesFromGlobs(globs, cwd) {
  let seen = /* @__PURE__ */ new Set(), out = [];
  for (let g of globs) {
    let matched = (await globFiles(g, cwd)).filter((f) => !NOT_BINARIES.some((end) => f.endsWith(end))), existing = [];
    for (let f of matched) await isFile(f) && existing.push(f);
    if (existing.length === 0)
      throw new InputError("files", g, `it matches no file under ${cwd}; accepted: newline-separated globs such as dist/**/app or bin/*`);
    for (let f of existing)
      seen.has(f) || (seen.add(f), out.push({ path: f, input: "files", named: g }));
  }
  return out;
}
async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return !1;
  }
}
async function writeProblem(path, mode) {
  if ((mode & 128) === 0) return "the file is read-only (chmod u+w to let slim replace it)";
  try {
    await access(path, constants.W_OK), await access(dirname(path), constants.W_OK);
  } catch (err) {
    return `it cannot be replaced (${err.code})`;
  }
}
async function planFiles(files, cwd) {
  let planned = [], problems = [];
  for (let f of files) {
    let shown = relative2(cwd, f.path) || f.path;
    try {
      let st = await stat(f.path);
      if (!st.isFile()) throw new InputError(f.input, f.named, `${shown} is not a regular file`);
      let bytes = await readFile(f.path), info;
      try {
        info = parseExecutable(bytes);
      } catch (err) {
        throw err instanceof NotExecutableError ? new InputError(f.input, f.named, `${shown} is not an executable slim can handle: ${err.message}`) : err;
      }
      let detected = targetOf(info);
      if (f.target && !`${f.target}/`.startsWith(`${detected}/`))
        throw new InputError(f.input, f.named, `the manifest says ${f.target} but ${shown} is a ${info.format.toUpperCase()} ${detected} binary`);
      let problem = await writeProblem(f.path, st.mode);
      if (problem) throw new InputError(f.input, f.named, `${shown}: ${problem}`);
      planned.push({ ...f, target: f.target ?? detected, info, bytes, mode: st.mode & 4095, size: st.size });
    } catch (err) {
      if (err instanceof GantryError) problems.push(err);
      else if (err.code === "ENOENT") problems.push(new InputError(f.input, f.named, `${shown} does not exist`));
      else throw err;
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1)
    throw new GantryError(`${problems.length} files cannot be slimmed; nothing was changed:
${problems.map((p) => `- ${p.message}`).join(`
`)}`);
  return planned;
}

// packages/slim/src/provenance.ts
var BUILT_BY = "go-build";
function slimByteInputs(o) {
  return { strip: o.strip, upx: o.upx, "upx-version": o.upxVersion, "upx-args": o.upxArgs.join(" ") };
}
async function stageProvenance(manifestPath, manifest, files, options, changes, reporter) {
  if (!manifest.provenance || files.before.size === 0) return;
  let path = resolveInManifest(manifestPath, manifest.provenance);
  if (!await exists(path)) {
    reporter.warning(`${manifest.provenance}: the manifest names this provenance statement but it is missing, so it was not re-issued for the slimmed files`);
    return;
  }
  let prev = await readProvenance(path), subjects = files.checksums !== void 0 ? parseChecksums(files.checksums) : prev.subject.map((s) => ({ name: s.name, sha256: files.after.get(s.name) ?? s.digest.sha256 })), replaced = [...files.before].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([name, sha2562]) => ({ name: `${BUILT_BY}:${name}`, digest: { sha256: sha2562 } })), statement = reissueStatement(prev, { stage: "slim", inputs: slimByteInputs(options), subjects, replaced, finishedOn: /* @__PURE__ */ new Date() });
  return await changes.write(path, provenanceJson(statement)), path;
}

// packages/slim/src/rearchive.ts
import { readFile as readFile2 } from "node:fs/promises";
var import_tar_stream = __toESM(require_tar_stream(), 1), libdeflate = (level) => (tar) => gzipReproducible(tar, level), fflate = (level) => async (tar) => gzipSync(tar, { level, mtime: 0 }), ZIP_LEVELS = [6, 9, 1, 2, 3, 4, 5, 7, 8], GZIPPERS = [
  libdeflate(6),
  fflate(6),
  libdeflate(9),
  libdeflate(12),
  libdeflate(1),
  fflate(9),
  fflate(1),
  ...[2, 3, 4, 5, 7, 8].map(fflate)
], same = (a, b) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
async function readTar(tar) {
  let members = [], ex = (0, import_tar_stream.extract)(), done = new Promise((res, rej) => {
    ex.on("finish", res), ex.on("error", rej);
  });
  return ex.on("entry", (header, stream, next) => {
    let chunks = [];
    stream.on("data", (c) => {
      chunks.push(c);
    }), stream.on("end", () => {
      members.push({ header, data: Buffer.concat(chunks) }), next();
    }), stream.resume();
  }), ex.end(Buffer.from(tar)), await done, members;
}
async function writeTar(members) {
  let p = (0, import_tar_stream.pack)(), chunks = [];
  p.on("data", (c) => {
    chunks.push(c);
  });
  let done = new Promise((res, rej) => {
    p.on("end", res), p.on("error", rej);
  });
  for (let m of members) {
    let { name, mode, uid, gid, uname, gname, mtime, type } = m.header, header = { name, mode, uid, gid, uname, gname, mtime, type };
    type === "directory" ? p.entry(header) : p.entry({ ...header, size: m.data.length }, m.data);
  }
  return p.finalize(), await done, Buffer.concat(chunks);
}
async function replaceInTarGz(archive, member, replacement) {
  let members = await readTar(gunzipSync(archive)), target = members.find((m) => m.header.name === member && m.header.type === "file");
  if (!target) throw new Error(`the archive has no member ${member}`);
  let unchanged = await writeTar(members), found;
  for (let g of GZIPPERS)
    if (same(await g(unchanged), archive)) {
      found = g;
      break;
    }
  return target.data = Buffer.from(replacement), { bytes: await (found ?? GZIPPERS[0])(await writeTar(members)), reproducible: found !== void 0 };
}
function zipCentralDirectory(zip) {
  let buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength), eocd = buf.lastIndexOf(Buffer.from([80, 75, 5, 6]));
  if (eocd < 0) throw new Error("not a zip archive (no end of central directory)");
  let count = buf.readUInt16LE(eocd + 10), off = buf.readUInt32LE(eocd + 16), out = /* @__PURE__ */ new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(off) !== 33639248) throw new Error("damaged zip central directory");
    let method = buf.readUInt16LE(off + 10), time = buf.readUInt16LE(off + 12), date = buf.readUInt16LE(off + 14), nameLen = buf.readUInt16LE(off + 28), extraLen = buf.readUInt16LE(off + 30), commentLen = buf.readUInt16LE(off + 32), attrs = buf.readUInt32LE(off + 38), compressed = buf.readUInt32LE(off + 20), local = buf.readUInt32LE(off + 42), dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28), raw = buf.subarray(dataAt, dataAt + compressed), name = buf.toString("utf8", off + 46, off + 46 + nameLen), mtime = new Date(1980 + (date >> 9), (date >> 5 & 15) - 1, date & 31, time >> 11, time >> 5 & 63, (time & 31) * 2);
    out.set(name, { method, mtime, attrs, raw }), off += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
function replaceInZip(archive, member, replacement) {
  let meta = zipCentralDirectory(archive), data = unzipSync(archive);
  if (!(member in data)) throw new Error(`the archive has no member ${member}`);
  let probe = [...meta].filter(([, m]) => m.method === 8).sort((a, b) => a[1].raw.length - b[1].raw.length)[0], level = probe ? ZIP_LEVELS.find((l) => same(deflateSync(data[probe[0]], { level: l }), probe[1].raw)) : void 0, build = (replace) => {
    let files = {};
    for (let [name, m] of meta) {
      let bytes = replace && name === member ? replacement : data[name] ?? new Uint8Array(0);
      files[name] = [bytes, { mtime: m.mtime, os: 3, attrs: m.attrs, level: m.method === 0 ? 0 : level ?? 6 }];
    }
    return zipSync(files);
  };
  return { bytes: build(!0), reproducible: level !== void 0 && same(build(!1), archive) };
}
async function rearchive(archivePath, member, binaryPath) {
  let [archive, binary] = await Promise.all([readFile2(archivePath), readFile2(binaryPath)]);
  return archivePath.endsWith(".zip") ? replaceInZip(archive, member, binary) : replaceInTarGz(archive, member, binary);
}
function updateChecksums(text, sums) {
  return text.split(`
`).map((line) => {
    let m = /^([0-9a-f]{64})( [ *])(.+)$/.exec(line), sum = m ? sums.get(m[3]) : void 0;
    return m && sum ? `${sum}${m[2]}${m[3]}` : line;
  }).join(`
`);
}

// packages/slim/src/replace.ts
import { randomBytes } from "node:crypto";
import { constants as constants2 } from "node:fs";
import { copyFile, link, mkdir, rename, rm, stat as stat2 } from "node:fs/promises";
import { basename, dirname as dirname2, join as join2 } from "node:path";
var Replacements = class {
  items = [];
  /** Random, so another user cannot plant a name this run will write to (issue 10). */
  tag = `${process.pid}-${randomBytes(6).toString("hex")}`;
  /**
   * A temporary path beside `target`, so the rename that replaces it is atomic. Not core's
   * tempPathBeside: the steps of one target (strip, upx, new, was) need names of their own that
   * the glob of binaries skips (a leading dot) and that say which run and step made them.
   */
  tempFor(target, step) {
    return join2(dirname2(target), `.${basename(target)}.slim-${this.tag}-${step}`);
  }
  /** Stages an existing file `source` (beside `target`) to replace it. */
  add(target, source, keepAs) {
    if (this.items.some((r) => r.target === target)) throw new Error(`${target} is staged twice`);
    this.items.push({ target, source, ...keepAs ? { keepAs } : {} });
  }
  /** Stages new contents for `target` (a file that may not exist yet), with the original's mode. */
  async write(target, data) {
    if (this.staged(target)) throw new Error(`${target} is staged twice`);
    let source = this.tempFor(target, "new");
    try {
      await mkdir(dirname2(target), { recursive: !0 });
      let mode = await stat2(target).then(
        (s) => s.mode & 4095,
        () => {
        }
      );
      await writeNewFile(source, data, mode);
    } catch (err) {
      throw await rm(source, { force: !0 }), err;
    }
    this.add(target, source);
  }
  /** The staged replacement of `target`, if there is one. */
  staged(target) {
    return this.items.find((r) => r.target === target)?.source;
  }
  get size() {
    return this.items.length;
  }
  /** Puts every replacement in place, or none: a failure part-way undoes the ones done. */
  async commit() {
    let done = [];
    try {
      for (let item of this.items) {
        let backup = this.tempFor(item.target, "was"), hadOriginal = await keepCopy(item.target, backup);
        done.push({ item, ...hadOriginal ? { backup } : {} }), await rename(item.source, item.target);
      }
    } catch (err) {
      for (let { item, backup } of done.reverse())
        backup ? await rename(backup, item.target) : await rm(item.target, { force: !0 });
      throw await this.discard(), err;
    }
    for (let { item, backup } of done)
      backup && (item.keepAs ? await rename(backup, item.keepAs) : await rm(backup, { force: !0 }));
    this.items.length = 0;
  }
  /** Drops every staged file; the targets are untouched. Safe to call after commit. */
  async discard() {
    await Promise.all(this.items.map((r) => rm(r.source, { force: !0 }))), this.items.length = 0;
  }
};
async function keepCopy(target, backup) {
  try {
    return await link(target, backup), !0;
  } catch (err) {
    let code = err.code;
    if (code === "ENOENT") return !1;
    if (code !== "EPERM" && code !== "EXDEV" && code !== "ENOTSUP" && code !== "EMLINK") throw err;
  }
  return await copyFile(target, backup, constants2.COPYFILE_EXCL), !0;
}

// packages/slim/src/slim.ts
import { chmod, rm as rm3 } from "node:fs/promises";
import { relative as relative4 } from "node:path";

// packages/slim/src/packages.ts
function parseNm(text) {
  let out = [];
  for (let line of text.split(`
`)) {
    let m = /^\s*([0-9a-f]+)\s+(\d+)\s+([A-Za-z_])\s+(.+)$/.exec(line);
    m && out.push({ addr: Number.parseInt(m[1], 16), size: Number(m[2]), type: m[3], name: m[4].trim() });
  }
  return out;
}
var PREFIXES = /^(type\.\.(eq|hash|namedata|importpath)\.|type[.:]|go\.itab\.|go:itab\.|go\.info\.|go:info\.)/, TABLES = [
  [/^runtime\.(e?pclntab|findfunctab)$/, "(pclntab: function tables)"],
  [/^(type[.:]\*|typerel\.\*|runtime\.(e?types|typelink|itablink))$/, "(type descriptors)"],
  [/^go[.:]func\.\*$/, "(func metadata)"],
  [/^go[.:]string\.\*$/, "(string literals)"],
  [/^runtime\.(e?rodata|e?noptrdata|e?data|e?bss|e?noptrbss|e?text|e?symtab|gcdata|gcbss|e?covctrs)$/, "(other data)"]
];
function packageOf(symbol) {
  for (let [re, label] of TABLES) if (re.test(symbol)) return label;
  if (/^go[.:]/.test(symbol) && !PREFIXES.test(symbol)) return "(linker data)";
  let name = symbol.replace(PREFIXES, "");
  if (name !== symbol && (name = name.replace(/^[*[\]]+/, ""), !/^[A-Za-z_]/.test(name) || /^(map|func|struct|chan|interface)\b/.test(name)))
    return "(type descriptors)";
  let stop = name.search(/[([ ,]/), head = stop < 0 ? name : name.slice(0, stop), slash = head.lastIndexOf("/"), dot = head.indexOf(".", slash + 1);
  return dot < 0 ? symbol.includes(".") ? "(linker data)" : name : head.slice(0, dot).replace(/%2e/g, ".");
}
function rank(name) {
  return /^runtime\.(e?rodata|e?noptrdata|e?data|e?text)$/.test(name) ? 0 : /\*$|^runtime\.(e?pclntab|e?types)$/.test(name) ? 1 : 2;
}
function groupByPackage(symbols, sections) {
  let fileBacked = sections.filter((s) => s.loaded && s.fileSize > 0), inFile = (addr) => fileBacked.some((s) => addr >= s.addr && addr < s.addr + s.fileSize), kept = symbols.filter((s) => s.size > 0 && !"UBbCc_".includes(s.type) && inFile(s.addr)).sort((a, b) => a.addr - b.addr || b.size - a.size || rank(a.name) - rank(b.name)), own = /* @__PURE__ */ new Map(), stack = [];
  for (let s of kept) {
    for (; stack.length > 0 && s.addr >= stack.at(-1).addr + stack.at(-1).size; ) stack.pop();
    let parent = stack.at(-1);
    parent && own.set(parent, (own.get(parent) ?? 0) - Math.min(s.size, parent.addr + parent.size - s.addr)), own.set(s, s.size), stack.push(s);
  }
  let groups = /* @__PURE__ */ new Map(), add = (pkg, bytes, count) => {
    let g = groups.get(pkg) ?? { package: pkg, bytes: 0, symbols: 0 };
    g.bytes += bytes, g.symbols += count, groups.set(pkg, g);
  };
  for (let [s, bytes] of own) bytes > 0 && add(packageOf(s.name), bytes, 1);
  for (let sec of sections)
    /gopclntab$/.test(sec.name) && sec.fileSize > 0 && !kept.some((s) => s.addr >= sec.addr && s.addr < sec.addr + sec.fileSize) ? add("(pclntab: function tables)", sec.fileSize, 0) : !sec.loaded && sec.fileSize > 0 && /^(\.z?debug_|\.symtab$|\.strtab$|__DWARF,)/.test(sec.name) && add("(symbols and DWARF: strip removes them)", sec.fileSize, 0);
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes || a.package.localeCompare(b.package));
}
async function findGoNm(env = process.env) {
  return (env.GOROOT ? await which(`${env.GOROOT}/bin/go`, env) : void 0) ?? await which("go", env);
}
async function packageSizes(file, sections, env = process.env) {
  let go = await findGoNm(env);
  if (!go) return { reason: "Go is not installed here, and package sizes come from `go tool nm`" };
  let r = await exec(go, ["tool", "nm", "-size", "-sort", "size", file], { allowFailure: !0, timeoutMs: 12e4, env, maxBuffer: 256 * 1024 * 1024 });
  return r.code !== 0 ? { reason: r.stderr.includes("no symbol") ? "the binary has no symbols (built with -s -w; build with go-build strip: false and let slim strip it)" : r.stderr.trim() } : { packages: groupByPackage(parseNm(r.stdout), sections) };
}

// packages/slim/src/steps.ts
import { readFile as readFile3, rm as rm2, stat as stat3 } from "node:fs/promises";
import { relative as relative3 } from "node:path";

// packages/slim/src/striptool.ts
var BFD = {
  elf: {
    amd64: "elf64-x86-64",
    386: "elf32-i386",
    arm64: "elf64-littleaarch64",
    arm: "elf32-littlearm",
    ppc64le: "elf64-powerpcle",
    ppc64: "elf64-powerpc",
    s390x: "elf64-s390",
    riscv64: "elf64-littleriscv",
    mips: "elf32-tradbigmips",
    mipsle: "elf32-tradlittlemips",
    mips64: "elf64-tradbigmips",
    mips64le: "elf64-tradlittlemips",
    loong64: "elf64-loongarch"
  },
  pe: { amd64: "pei-x86-64", 386: "pei-i386", arm64: "pei-aarch64-little" }
}, TRIPLES = {
  elf: {
    amd64: ["x86_64-linux-gnu"],
    386: ["i686-linux-gnu"],
    arm64: ["aarch64-linux-gnu"],
    arm: ["arm-linux-gnueabihf", "arm-linux-gnueabi"],
    ppc64le: ["powerpc64le-linux-gnu"],
    s390x: ["s390x-linux-gnu"],
    riscv64: ["riscv64-linux-gnu"],
    mips: ["mips-linux-gnu"],
    mipsle: ["mipsel-linux-gnu"],
    mips64: ["mips64-linux-gnuabi64"],
    mips64le: ["mips64el-linux-gnuabi64"],
    loong64: ["loongarch64-linux-gnu"]
  },
  pe: { amd64: ["x86_64-w64-mingw32"], 386: ["i686-w64-mingw32"], arm64: ["aarch64-w64-mingw32"] }
}, supportedTargets = /* @__PURE__ */ new Map();
function gnuSupportedTargets(path) {
  let found = supportedTargets.get(path);
  return found || (found = exec(path, ["--help"], { allowFailure: !0, timeoutMs: 1e4 }).then((r) => {
    let m = /supported targets:([^\n]*)/.exec(`${r.stdout}
${r.stderr}`);
    return m ? m[1].trim().split(/\s+/) : [];
  }), supportedTargets.set(path, found)), found;
}
function stripNotApplicable(info) {
  if (info.format === "macho") return "Mach-O: stripping would break its code signature";
  if (info.upxPacked) return "already packed by UPX";
  if (!info.hasSymbols) return "no symbols to strip (already stripped or linked with -s -w)";
}
async function stripCandidates(info, env = process.env) {
  if (info.format === "macho") return [];
  let bfd = BFD[info.format][info.arch], names = [...(TRIPLES[info.format][info.arch] ?? []).map((t) => `${t}-strip`), "strip"], found = [], gnuArgs = (input, output) => ["--strip-all", "-o", output, input];
  for (let name of names) {
    let path = await which(name, env);
    !path || found.some((t) => t.path === path) || bfd && (await gnuSupportedTargets(path)).includes(bfd) && found.push({ path, name, args: gnuArgs });
  }
  if (info.format === "elf")
    for (let name of ["llvm-strip", ...[19, 18, 17, 16, 15, 14].map((v) => `llvm-strip-${v}`)]) {
      let path = await which(name, env);
      if (path) {
        found.push({ path, name, args: gnuArgs });
        break;
      }
    }
  return found;
}
async function runStrip(tool, input, output, env) {
  let r = await exec(tool.path, tool.args(input, output), { allowFailure: !0, timeoutMs: 12e4, env });
  if (r.code !== 0)
    return (r.stderr || r.stdout).trim().split(`
`).slice(-3).join(" ") || `exited with ${r.code}`;
}

// packages/slim/src/upx.ts
import { join as join3 } from "node:path";
var UPX_RELEASES = {
  "5.2.0": {
    "linux-x64": "3db5d3294707439db97866feab8d75d800f028f48481a40547411824da4288a1",
    "linux-arm64": "55d48a61e8ffd17152db871c855376cba7f08e830b37799d0947a16dff8ec36c",
    "win32-x64": "b471ebf1b7f20f4a89150264ed9a008a2a5bfd247f3c6d1184a75bb59ca08f5d"
  }
}, LINUX_ASSET_ARCH = { x64: "amd64", arm64: "arm64", ia32: "i386", arm: "arm", ppc64: "powerpc64le" };
function upxRelease(version, baseUrl, sha256Override, platform = process.platform, arch = runnerArch()) {
  let stem, format;
  if (platform === "linux" && LINUX_ASSET_ARCH[arch])
    stem = `upx-${version}-${LINUX_ASSET_ARCH[arch]}_linux`, format = "tar.xz";
  else if (platform === "win32" && (arch === "x64" || arch === "ia32"))
    stem = `upx-${version}-${arch === "x64" ? "win64" : "win32"}`, format = "zip";
  else
    return { reason: `UPX publishes no release for ${platform}/${arch} runners; install upx on PATH yourself (e.g. brew install upx)` };
  let sha2562 = sha256Override || UPX_RELEASES[version]?.[`${platform}-${arch}`];
  return sha2562 ? { tool: "upx", version, arch, url: `${baseUrl}/v${version}/${stem}.${format}`, sha256: sha2562, format, root: stem } : {
    reason: `gantry pins no checksum for UPX ${version} on ${platform}/${arch}: set upx-sha256 to the sha256 of ${stem}.${format}, or use upx-version ${Object.keys(UPX_RELEASES).join(", ")}`
  };
}
function upxInDir(dir) {
  return join3(dir, process.platform === "win32" ? "upx.exe" : "upx");
}
async function upxVersionOf(path) {
  let r = await exec(path, ["-V"], { allowFailure: !0, timeoutMs: 1e4 }), m = /^upx (\S+)/m.exec(r.stdout);
  if (r.code !== 0 || !m) throw new GantryError(`\`${path} -V\` did not print a UPX version (exit ${r.code}): ${(r.stdout || r.stderr).trim().split(`
`)[0]}`);
  return m[1];
}
async function resolveUpx(opts, reporter) {
  let cached = await findCachedTool("upx", opts.version, runnerArch());
  if (cached)
    return reporter.info(`upx ${opts.version} found in the tool cache`), { path: upxInDir(cached), version: opts.version, source: "tool cache" };
  let onPath = await which("upx", opts.env);
  if (onPath) return { path: onPath, version: await upxVersionOf(onPath), source: "PATH" };
  if (!opts.install) return { reason: "UPX is not installed (not on PATH, not in the tool cache): set upx: true to install it" };
  let release = upxRelease(opts.version, opts.baseUrl, opts.sha256);
  if ("reason" in release) return release;
  let dir = await installTool(release, reporter);
  return { path: upxInDir(dir), version: opts.version, source: "downloaded" };
}
function upxUnsafeReason(info) {
  let t = `${info.os}/${info.arch}`;
  if (info.os === "darwin") return `${t}: UPX-packed macOS binaries are killed at start on macOS 13+ (upx#612); UPX refuses them since 4.2.0`;
  if (t === "windows/arm64") return `${t}: UPX cannot pack arm64 PE files (upx#551)`;
  if (["freebsd", "netbsd", "openbsd", "dragonfly"].includes(info.os)) return `${t}: UPX-packed 64-bit BSD binaries do not start (upx#636)`;
  if (info.os === "linux" && ["mips64", "mips64le", "s390x", "loong64", "riscv64", "ppc64"].includes(info.arch))
    return `${t}: UPX has no packer for this architecture`;
  if (info.format === "elf" && info.pie) return `${t}: PIE build (-buildmode=pie); UPX 5.x packs it into a binary that crashes (upx#18895)`;
  if (!["linux/386", "linux/amd64", "linux/arm", "linux/arm64", "linux/ppc64le", "linux/mips", "linux/mipsle", "windows/386", "windows/amd64"].includes(t)) return `${t}: UPX has no packer for this target`;
}
var UPX_SKIP_EXCEPTIONS = ["CantPackException", "AlreadyPackedException", "NotCompressibleException", "UnknownExecutableFormatException"];
function parseUpxError(stderr) {
  for (let line of stderr.split(`
`)) {
    let m = /^upx: .*?: ([A-Za-z]+(?:Exception|Error))(?:: (.*))?$/.exec(line.trim());
    if (m) return { exception: m[1], message: (m[2] ?? "").trim() };
  }
}
async function upxPack(upx, input, output, args, env) {
  let r = await exec(upx.path, [...args, "--no-progress", "-o", output, input], { allowFailure: !0, timeoutMs: 6e5, env });
  if (r.code === 0) return { packed: !0, ms: r.durationMs };
  let e = parseUpxError(r.stderr) ?? { exception: `exit ${r.code}`, message: (r.stderr || r.stdout).trim().split(`
`).slice(-2).join(" ") };
  return { packed: !1, ...e, skip: UPX_SKIP_EXCEPTIONS.includes(e.exception) };
}
async function upxTest(upx, file, env) {
  let r = await exec(upx.path, ["-t", file], { allowFailure: !0, timeoutMs: 12e4, env });
  if (r.code === 0 && /\[OK\]/.test(r.stdout)) return;
  let e = parseUpxError(r.stderr);
  return e ? `${e.exception}${e.message ? `: ${e.message}` : ""}` : `upx -t exited with ${r.code}`;
}

// packages/slim/src/verify.ts
import { createHash } from "node:crypto";
function loadedSectionsDiffer(before, beforeInfo, after, afterInfo) {
  if (beforeInfo.format !== afterInfo.format || beforeInfo.arch !== afterInfo.arch || beforeInfo.bits !== afterInfo.bits)
    return `it became ${afterInfo.format} ${afterInfo.arch} (was ${beforeInfo.format} ${beforeInfo.arch})`;
  if (beforeInfo.entry !== afterInfo.entry) return `the entry point moved from 0x${beforeInfo.entry.toString(16)} to 0x${afterInfo.entry.toString(16)}`;
  let digest = (buf, offset, size) => createHash("sha256").update(buf.subarray(offset, offset + size)).digest("hex"), afterByName = new Map(afterInfo.sections.map((s) => [s.name, s]));
  for (let s of beforeInfo.sections) {
    if (!s.loaded || s.name === "") continue;
    let t = afterByName.get(s.name);
    if (!t) return `section ${s.name} is missing`;
    if (t.addr !== s.addr) return `section ${s.name} moved from 0x${s.addr.toString(16)} to 0x${t.addr.toString(16)}`;
    if (t.fileSize !== s.fileSize) return `section ${s.name} changed size from ${s.fileSize} to ${t.fileSize} bytes`;
    if (s.fileSize > 0 && digest(before, s.offset, s.fileSize) !== digest(after, t.offset, t.fileSize)) return `section ${s.name} has different contents`;
  }
}
var QEMU_ARCH = {
  amd64: "x86_64",
  386: "i386",
  arm64: "aarch64",
  arm: "arm",
  ppc64le: "ppc64le",
  ppc64: "ppc64",
  s390x: "s390x",
  riscv64: "riscv64",
  mips: "mips",
  mipsle: "mipsel",
  mips64: "mips64",
  mips64le: "mips64el",
  loong64: "loongarch64"
};
async function runnerFor(info, env = process.env) {
  let host = hostTarget();
  if (info.os === host.os && (info.arch === host.arch || host.arch === "amd64" && info.arch === "386" && host.os === "linux")) return { label: "natively" };
  if (info.os !== "linux" || host.os !== "linux") return { reason: `a ${info.os}/${info.arch} binary cannot run on this ${host.os}/${host.arch} machine` };
  let q = QEMU_ARCH[info.arch];
  for (let name of q ? [`qemu-${q}-static`, `qemu-${q}`] : []) {
    let found = await which(name, env);
    if (found) return { command: found, label: `through ${name}` };
  }
  return { reason: `no qemu-user for ${info.arch} is installed (apt-get install qemu-user-static)` };
}
async function smokeRun(file, runner, args, timeoutMs, env) {
  let r;
  try {
    r = runner.command ? await exec(runner.command, [file, ...args], { allowFailure: !0, timeoutMs, env, maxBuffer: 64 * 1024 }) : await exec(file, args, { allowFailure: !0, timeoutMs, env, maxBuffer: 64 * 1024 });
  } catch (err) {
    return { ok: !1, problem: `it could not start: ${err.message}`, firstLine: "", ms: 0 };
  }
  let firstLine = (r.stdout.trim() || r.stderr.trim()).split(`
`)[0]?.slice(0, 200) ?? "";
  if (r.timedOut) return { ok: !1, problem: `it did not exit within ${timeoutMs} ms`, firstLine, ms: r.durationMs };
  if (r.code !== 0) {
    let how = r.signal ? `was killed by ${r.signal}` : `exited with ${r.code}`;
    return { ok: !1, problem: `\`${[file, ...args].join(" ")}\` ${how}${firstLine ? `: ${firstLine}` : ""}`, firstLine, ms: r.durationMs };
  }
  return { ok: !0, firstLine, ms: r.durationMs };
}

// packages/slim/src/steps.ts
var VerifyFailure = class extends Error {
};
async function settleTools(files, options, senv, timed) {
  let { reporter, env } = senv, tools = { strip: /* @__PURE__ */ new Map() };
  if (options.strip !== "false")
    for (let f of files) {
      let key = `${f.info.format}/${f.info.arch}`;
      if (tools.strip.has(key) || tools.strip.set(key, await timed(() => stripCandidates(f.info, env))), options.strip === "true" && !stripNotApplicable(f.info) && (tools.strip.get(key) ?? []).length === 0)
        throw new GantryError(
          `strip: true, but no installed strip understands ${f.info.format.toUpperCase()} ${f.info.arch} (${relative3(senv.cwd, f.path)}); install binutils for it (e.g. binutils-aarch64-linux-gnu, binutils-mingw-w64-x86-64) or llvm`
        );
    }
  if (!(options.upx !== "false" && files.some((f) => !f.info.upxPacked && !upxUnsafeReason(f.info)))) return tools;
  let found = await timed(
    () => resolveUpx({ version: options.upxVersion, baseUrl: options.upxDownloadBaseUrl, sha256: options.upxSha256, install: options.upx === "true", env }, reporter)
  );
  if ("reason" in found) {
    if (options.upx === "true") throw new GantryError(`upx: true, but UPX cannot be had: ${found.reason}`);
    tools.upxMissing = found.reason, reporter.info(`upx: not packing: ${found.reason}`);
  } else
    tools.upx = found, reporter.info(`upx ${found.version} from ${found.source}: ${found.path}`);
  return tools;
}
async function stripStep(w, c) {
  let { file: f, shown } = w, na = stripNotApplicable(f.info);
  if (na) {
    w.skipped.push(`strip: ${na}`);
    return;
  }
  let problems = [];
  for (let tool of c.tools.strip.get(`${f.info.format}/${f.info.arch}`) ?? []) {
    let out = c.tempFor(f.path, "strip");
    c.temps.push(out);
    let err = await c.timed(() => runStrip(tool, f.path, out, c.senv.env));
    if (err) {
      problems.push(`${tool.name}: ${err}`);
      continue;
    }
    let bytes = await readFile3(out), info;
    try {
      info = parseExecutable(bytes);
    } catch (e) {
      problems.push(`${tool.name} wrote an unreadable file: ${e.message}`);
      continue;
    }
    let diff = loadedSectionsDiffer(f.bytes, f.info, bytes, info);
    if (diff) {
      problems.push(`${tool.name} changed what the program loads: ${diff}`);
      continue;
    }
    w.current = out, w.currentInfo = info, w.currentSize = bytes.length, w.steps.push(`strip (${tool.name})`), w.verified.push("loaded sections unchanged");
    return;
  }
  let why = problems.length ? problems.join(" · ") : `no installed strip understands ${f.info.format.toUpperCase()} ${f.info.arch}`;
  if (c.options.strip === "true") throw new GantryError(`${shown}: strip failed: ${why}`);
  w.skipped.push(`strip: ${why}`), problems.length && c.senv.reporter.warning(`${shown}: not stripped: ${why}`);
}
async function upxStep(w, c) {
  let { file: f, shown } = w, { reporter, env } = c.senv, upx = c.tools.upx, unsafe = f.info.upxPacked ? "already packed by UPX" : upxUnsafeReason(f.info);
  if (unsafe) {
    w.skipped.push(`upx: ${unsafe}`), f.info.upxPacked || reporter.notice(`${shown}: not packed with UPX: ${unsafe}`);
    return;
  }
  if (!upx) {
    w.skipped.push(`upx: ${c.tools.upxMissing ?? "not available"}`);
    return;
  }
  let out = c.tempFor(f.path, "upx");
  c.temps.push(out), await rm2(out, { force: !0 });
  let r = await c.timed(() => upxPack(upx, w.current, out, c.options.upxArgs, env));
  if (!r.packed) {
    let what = `UPX ${r.exception}${r.message ? `: ${r.message}` : ""}`;
    if (w.skipped.push(`upx: ${what}`), r.skip) reporter.notice(`${shown}: left unpacked: ${what}`);
    else {
      if (c.options.upx === "true") throw new GantryError(`${shown}: ${what}`);
      reporter.warning(`${shown}: left unpacked: ${what}`);
    }
    return;
  }
  let packedSize = (await stat3(out)).size;
  if (packedSize >= w.currentSize) {
    w.skipped.push(`upx: the packed file (${packedSize} B) is not smaller than ${w.currentSize} B`);
    return;
  }
  if (c.options.verify) {
    let bad = await c.timed(() => upxTest(upx, out, env));
    if (bad) throw new VerifyFailure(`upx -t failed: ${bad}`);
    w.verified.push("upx -t");
  }
  w.current = out, w.currentSize = packedSize, w.steps.push(`upx ${c.options.upxArgs.join(" ")} (${upx.version})`.replace("  ", " "));
}
async function smokeStep(w, c) {
  let { file: f, shown } = w, { options, senv } = c, runner = await c.timed(() => runnerFor(w.currentInfo, senv.env));
  if ("reason" in runner) {
    w.verified.push(`not run: ${runner.reason}`);
    return;
  }
  let before = await c.timed(() => smokeRun(f.path, runner, options.smokeArgs, options.smokeTimeoutMs, senv.env));
  if (!before.ok) {
    senv.reporter.warning(`${shown}: smoke test not judged: the original itself fails: ${before.problem}`), w.verified.push("not run: the original fails the smoke test too");
    return;
  }
  let after = await c.timed(() => smokeRun(w.current, runner, options.smokeArgs, options.smokeTimeoutMs, senv.env));
  if (!after.ok) throw new VerifyFailure(`the slimmed binary fails its smoke test: ${after.problem?.replace(w.current, shown)}`);
  w.verified.push(`ran ${runner.label}: ${after.firstLine}`);
}

// packages/slim/src/slim.ts
async function slimFiles(files, options, senv) {
  let prepared = await prepareSlim(files, options, senv);
  return await prepared.changes.commit(), prepared;
}
async function prepareSlim(files, options, senv, changes = new Replacements()) {
  let started = performance.now(), toolMs = 0, timed = async (fn) => {
    let t = performance.now();
    try {
      return await fn();
    } finally {
      toolMs += performance.now() - t;
    }
  }, c = {
    options,
    senv,
    tools: await settleTools(files, options, senv, timed),
    temps: [],
    tempFor: (file, step) => changes.tempFor(file, step),
    timed
  }, results = [], failures = [];
  try {
    for (let f of files) results.push(await slimOne(f, c, failures));
    if (failures.length > 0 && options.onVerifyFailure === "fail")
      throw new GantryError(`verification failed; no file was changed:
${failures.map((m) => `- ${m}`).join(`
`)}`);
    for (let { file, final, report } of results)
      final !== file.path ? (await chmod(final, file.mode), report.sha256 = await sha256File(final), changes.add(file.path, final, options.keepOriginal ? `${file.path}.orig` : void 0)) : report.sha256 = sha256(file.bytes);
  } catch (err) {
    throw await changes.discard(), err;
  } finally {
    let staged = (t) => results.some((r) => r.final === t && changes.staged(r.file.path) === t);
    await Promise.all(c.temps.filter((t) => !staged(t)).map((t) => rm3(t, { force: !0 })));
  }
  return { files: results.map((r) => r.report), upx: c.tools.upx, timing: { totalMs: performance.now() - started, toolMs }, changes };
}
async function slimOne(f, c, failures) {
  let { options, senv } = c, shown = relative4(senv.cwd, f.path) || f.path, w = { file: f, shown, current: f.path, currentInfo: f.info, currentSize: f.size, steps: [], skipped: [], verified: [] }, report = { path: shown.split("\\").join("/"), target: f.target, before: f.size, after: f.size, ratio: 1, steps: w.steps, sha256: "" };
  if (options.reportPackages && f.info.go) {
    let sizes = await c.timed(() => packageSizes(f.path, f.info.sections, senv.env));
    "packages" in sizes ? report.packages = sizes.packages.slice(0, 15) : report["packages-reason"] = sizes.reason;
  }
  try {
    options.strip !== "false" && await stripStep(w, c), options.upx !== "false" && await upxStep(w, c), options.verify && options.smokeArgs.length > 0 && w.current !== f.path && await smokeStep(w, c);
  } catch (err) {
    if (!(err instanceof VerifyFailure)) throw err;
    let msg = `${shown}: ${err.message}; the original is kept`;
    failures.push(msg), w.skipped.push(`verify: ${err.message}`), w.steps.length = 0, w.current = f.path, w.currentSize = f.size, options.onVerifyFailure === "restore-and-warn" && senv.reporter.warning(msg);
  }
  return w.skipped.length && (report["skipped-reason"] = w.skipped.join("; ")), w.verified.length && (report.verified = w.verified), report.after = w.currentSize, report.ratio = Math.round(w.currentSize / f.size * 1e4) / 1e4, { file: f, final: w.current, report };
}

// packages/slim/src/artifacts.ts
async function slimArtifacts(manifestPath, options, senv) {
  let prepared = await prepareArtifacts(manifestPath, options, senv);
  return await prepared.changes.commit(), prepared;
}
async function prepareArtifacts(manifestPath, options, senv) {
  let manifest = await readManifest(manifestPath), entries = manifest.artifacts.map((a) => ({ a, path: resolveInManifest(manifestPath, a.path) })), planned = await planFiles(
    entries.map((e) => ({ path: e.path, target: e.a.target, input: "manifest", named: `${manifestPath} (${e.a.target}: ${e.a.path})` })),
    senv.cwd
  ), changes = new Replacements();
  try {
    let result = await prepareSlim(planned, options, senv, changes), sums = /* @__PURE__ */ new Map(), before = /* @__PURE__ */ new Map(), rearchived = [];
    for (let [i, { a, path }] of entries.entries()) {
      let r = result.files[i];
      r.sha256 !== a.sha256 && before.set(a.path, a.sha256), a.size = r.after, a.sha256 = r.sha256, a.slim = { before: r.before, after: r.after, steps: r.steps, ...r["skipped-reason"] ? { "skipped-reason": r["skipped-reason"] } : {} }, sums.set(a.path, r.sha256);
      let slimmed = changes.staged(path);
      if (a.archive && slimmed) {
        let archive = await stageArchive(resolveInManifest(manifestPath, a.archive), basename2(path), slimmed, changes, a.archive, a.path);
        archive.reproducible || senv.reporter.warning(`${a.archive}: rewritten with the slimmed binary, but its original compression settings could not be reproduced`), a["archive-sha256"] && a["archive-sha256"] !== archive.sha256 && before.set(a.archive, a["archive-sha256"]), a["archive-sha256"] = archive.sha256, sums.set(a.archive, archive.sha256), rearchived.push(a.archive);
      }
    }
    let checksums;
    if (typeof manifest.checksums == "string") {
      let file = resolveInManifest(manifestPath, manifest.checksums), text = await readFile4(file, "utf8").catch(() => {
      });
      checksums = text === void 0 ? void 0 : updateChecksums(text, sums), checksums !== void 0 && await changes.write(file, checksums);
    }
    let provenance = await stageProvenance(manifestPath, manifest, { before, after: sums, checksums }, options, changes, senv.reporter), staged = changes.tempFor(manifestPath, "manifest");
    return await writeManifest(staged, manifest), changes.add(manifestPath, staged), { ...result, changes, manifest, manifestPath, rearchived, ...provenance ? { provenance } : {} };
  } catch (err) {
    throw await changes.discard(), err;
  }
}
async function stageArchive(archivePath, member, slimmed, changes, shownArchive, shownBinary) {
  let bytes, reproducible;
  try {
    ({ bytes, reproducible } = await rearchive(archivePath, member, slimmed));
  } catch (err) {
    throw new GantryError(`${shownArchive} could not be rewritten with the slimmed ${shownBinary} (${err.message}); no file was changed`);
  }
  return await changes.write(archivePath, bytes), { sha256: sha256(bytes), reproducible };
}
function slimOptions(overrides = {}) {
  return { ...parseSlimInputs(new InputReader(() => {
  }, SLIM_INPUTS), "."), ...overrides };
}
async function packWithUpx(manifestPath, upx, senv) {
  return (await slimArtifacts(manifestPath, slimOptions({ upx, strip: "false", reportPackages: !1 }), senv)).manifest;
}

// packages/slim/src/budget.ts
import { readFile as readFile5 } from "node:fs/promises";
async function readBaseline(path) {
  let text;
  try {
    text = await readFile5(path, "utf8");
  } catch (err) {
    return { missing: `baseline ${path} cannot be read (${err.code})` };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new GantryError(`baseline ${path} is not valid JSON: ${err.message}`);
  }
  let files = Array.isArray(data) ? data : data?.files;
  if (!Array.isArray(files) || !files.every((f) => typeof f?.path == "string" && typeof f?.after == "number"))
    throw new GantryError(`baseline ${path} is not a slim size report (expected the report output or report-file: entries with path, target and after)`);
  return files.map((f) => ({ path: f.path, target: String(f.target ?? ""), after: f.after }));
}
function limitFor(budget, target) {
  let [os, arch] = target.split("/");
  return budget.perTarget[target] ?? budget.perTarget[`${os}/${arch}`] ?? budget.all;
}
function baselineFor(file, baseline) {
  let byPath = baseline.find((b) => b.path === file.path);
  if (byPath) return byPath;
  let sameTarget = baseline.filter((b) => b.target === file.target);
  return sameTarget.length === 1 ? sameTarget[0] : void 0;
}
function checkBudget(files, maxSize, maxGrowth, baseline) {
  let notes = [], rows = files.map((f) => {
    let row = { path: f.path, target: f.target, size: f.after, over: [] };
    if (maxSize && (row.limit = limitFor(maxSize, f.target), row.limit !== void 0 && f.after > row.limit && row.over.push(`${formatBytes(f.after)} is over max-size ${formatBytes(row.limit)}`)), maxGrowth !== void 0 && baseline) {
      let b = baselineFor(f, baseline);
      b ? (row.baseline = b.after, row.growth = b.after > 0 ? Math.round((f.after - b.after) / b.after * 1e4) / 100 : 0, row.growth > maxGrowth && row.over.push(`grew ${row.growth}% (${formatBytes(b.after)} → ${formatBytes(f.after)}), over max-growth ${maxGrowth}%`)) : notes.push(`${f.path}: not in the baseline, growth not checked`);
    }
    return row;
  });
  return { checked: maxSize !== void 0 || maxGrowth !== void 0 && baseline !== void 0, rows, failed: rows.filter((r) => r.over.length > 0), notes };
}

// packages/slim/src/stage.ts
import { dirname as dirname3, join as join4 } from "node:path";

// packages/slim/src/summary.ts
function percentChange(before, after) {
  if (before === 0) return "—";
  let p = (after - before) / before * 100;
  return `${p > 0 ? "+" : p < 0 ? "−" : "±"}${Math.abs(p).toFixed(1)}%`;
}
function sizeReport(files) {
  return {
    schema: 1,
    "total-before": files.reduce((s, f) => s + f.before, 0),
    "total-after": files.reduce((s, f) => s + f.after, 0),
    files: [...files]
  };
}
function reportOutput(files) {
  return files.map((f) => ({
    path: f.path,
    target: f.target,
    before: f.before,
    after: f.after,
    ratio: f.ratio,
    steps: f.steps,
    "skipped-reason": f["skipped-reason"] ?? "",
    sha256: f.sha256
  }));
}
function budgetSection(v) {
  if (!v.checked) return "Budget: none set (max-size, max-growth).";
  let rows = v.rows.map((r) => [
    `\`${r.path}\``,
    r.target,
    formatBytes(r.size),
    r.limit !== void 0 ? formatBytes(r.limit) : "—",
    r.baseline !== void 0 ? `${formatBytes(r.baseline)} (${r.growth !== void 0 && r.growth > 0 ? "+" : ""}${r.growth}%)` : "—",
    r.over.length ? `❌ ${r.over.join("; ")}` : "✅"
  ]);
  return [v.failed.length ? `**Budget: ❌ ${v.failed.length} of ${v.rows.length} over budget**` : "**Budget: ✅ within budget**", "", table(["File", "Target", "Size", "max-size", "Baseline", "Verdict"], rows), ...v.notes.map((n) => `
- ${n}`)].join(`
`);
}
function slimSummary(files, budget) {
  let r = sizeReport(files), reasons = files.map((f) => f["skipped-reason"] ? f["skipped-reason"].split("; ") : []), notes = [...new Set(reasons.flat())].filter((x) => reasons.filter((rs) => rs.includes(x)).length > 1), rows = files.map((f, i) => [
    `\`${f.path}\``,
    f.target,
    formatBytes(f.before),
    formatBytes(f.after),
    percentChange(f.before, f.after),
    f.steps.join(", ") || "—",
    (reasons[i] ?? []).map((x) => notes.includes(x) ? `[${notes.indexOf(x) + 1}]` : x).join("; ")
  ]), parts = [
    `### slim: ${formatBytes(r["total-before"])} → ${formatBytes(r["total-after"])} (${percentChange(r["total-before"], r["total-after"])}) over ${files.length} binar${files.length === 1 ? "y" : "ies"}`,
    "",
    table(["File", "Target", "Before", "After", "Change", "Steps", "Skipped"], rows),
    ...notes.length ? ["", ...notes.map((x, i) => `[${i + 1}] ${x}  `)] : [],
    "",
    budgetSection(budget),
    ""
  ], noPackages = /* @__PURE__ */ new Map();
  for (let f of files)
    if (f.packages?.length) {
      let total = f.packages.reduce((s, p) => s + p.bytes, 0), pkgRows = f.packages.map((p) => [`\`${p.package}\``, formatBytes(p.bytes), `${(p.bytes / f.before * 100).toFixed(1)}%`, p.symbols]);
      parts.push(
        details(
          `Largest Go packages in ${f.path} (${f.target})`,
          `${table(["Package", "Size", "Of the file", "Symbols"], pkgRows)}

These ${f.packages.length} rows hold ${formatBytes(total)} of the unslimmed file (go tool nm sizes, each byte counted once). Rows in brackets are the linker's tables and the debug data strip removes.`
        ),
        ""
      );
    } else f["packages-reason"] && noPackages.set(f["packages-reason"], [...noPackages.get(f["packages-reason"]) ?? [], f.path]);
  for (let [reason, paths] of noPackages) parts.push(`Package sizes not available for ${paths.map((p) => `\`${p}\``).join(", ")}: ${reason}`, "");
  return parts.join(`
`);
}

// packages/slim/src/stage.ts
var REPORT_FILE = "slim-report.json";
async function runSlim(inputs, ctx) {
  let senv = { reporter: ctx.reporter, env: ctx.env, cwd: inputs.cwd }, prepared, manifest = "";
  if (inputs.files.length > 0)
    prepared = await prepareSlim(await planFiles(await filesFromGlobs(inputs.files, inputs.cwd), inputs.cwd), inputs, senv);
  else {
    if (!await exists(inputs.manifest))
      throw new GantryError(`no manifest at ${inputs.manifest}: run go-build first, set manifest to its artifacts.json, or list executables in files`);
    prepared = await prepareArtifacts(inputs.manifest, inputs, senv), manifest = inputs.manifest;
  }
  try {
    let budget = checkBudget(prepared.files, inputs.maxSize, inputs.maxGrowth, await baselineOf(inputs, ctx)), reportFile = inputs.reportFile || (manifest ? join4(dirname3(manifest), REPORT_FILE) : ""), report = sizeReport(prepared.files);
    if (ctx.setOutput("report", reportOutput(prepared.files)), ctx.setOutput("total-before", report["total-before"]), ctx.setOutput("total-after", report["total-after"]), ctx.setOutput("manifest", manifest), ctx.setOutput("report-file", reportFile), ctx.summary(slimSummary(prepared.files, budget)), ctx.reporter.debug(`slim: ${formatDuration(prepared.timing.totalMs)} in all, ${formatDuration(prepared.timing.toolMs)} in the tools it ran`), budget.failed.length > 0) {
      let lines = budget.failed.map((r) => `- ${r.path} (${r.target}, ${formatBytes(r.size)}): ${r.over.join("; ")}`);
      throw new GantryError(`over the size budget; no file was changed:
${lines.join(`
`)}`);
    }
    return reportFile && await prepared.changes.write(reportFile, `${JSON.stringify(report, null, 2)}
`), await prepared.changes.commit(), { result: prepared, budget, manifest, reportFile };
  } finally {
    await prepared.changes.discard();
  }
}
async function baselineOf(inputs, ctx) {
  if (!inputs.baseline) return;
  let b = await readBaseline(inputs.baseline);
  if (!("missing" in b)) return b;
  ctx.reporter.warning(`${b.missing}: max-growth is not checked this time (the first run on a branch has none)`);
}
var slimStage = {
  name: "slim",
  description: "Make binaries smaller (strip, UPX) and prove they still start; size report, top packages and a size budget.",
  inputs: SLIM_INPUTS,
  parse: (read, ctx) => parseSlimInputs(read, ctx.cwd),
  async run(inputs, ctx) {
    await runSlim(inputs, ctx);
  }
};

export {
  SLIM_INPUTS,
  UPX_ARGS_ACCEPTED,
  parseSizeBudget,
  parseSlimInputs,
  NotExecutableError,
  parseExecutable,
  targetOf,
  globToRegExp,
  globFiles,
  filesFromGlobs,
  planFiles,
  slimByteInputs,
  stageProvenance,
  replaceInTarGz,
  replaceInZip,
  rearchive,
  updateChecksums,
  Replacements,
  parseNm,
  packageOf,
  groupByPackage,
  findGoNm,
  packageSizes,
  gnuSupportedTargets,
  stripNotApplicable,
  stripCandidates,
  runStrip,
  UPX_RELEASES,
  upxRelease,
  upxVersionOf,
  resolveUpx,
  upxUnsafeReason,
  UPX_SKIP_EXCEPTIONS,
  parseUpxError,
  upxPack,
  upxTest,
  loadedSectionsDiffer,
  runnerFor,
  smokeRun,
  slimFiles,
  prepareSlim,
  slimArtifacts,
  prepareArtifacts,
  slimOptions,
  packWithUpx,
  readBaseline,
  limitFor,
  checkBudget,
  percentChange,
  sizeReport,
  reportOutput,
  slimSummary,
  REPORT_FILE,
  runSlim,
  slimStage
};
