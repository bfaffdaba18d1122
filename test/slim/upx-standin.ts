/**
 * A stand-in for UPX, which Debian bookworm does not ship and this machine cannot download.
 * It implements the parts of UPX's command line gantry calls — `upx -V`, `upx [options] -o out
 * in`, `upx -t file` — with UPX's own messages and exit codes: failures print
 * `upx: <file>: <ExceptionClass>: <message>` on stderr (src/msg.cpp printErr); errors exit 1 and
 * warnings such as AlreadyPacked exit 2 (src/work.cpp). Its "packed" file is a shell script
 * holding the gzipped program, so a packed binary still runs and is smaller, like UPX's.
 * UPX_STANDIN_BREAK=run makes packed files crash at start, =test makes `upx -t` fail.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import { join } from "node:path";
import { scratchDir } from "../harness.js";

export const STANDIN_VERSION = "5.2.0";

export function standinScript(version = STANDIN_VERSION): string {
  return `#!/bin/sh
# Stand-in for UPX ${version} (gantry tests): UPX's CLI, messages and exit codes; gzip inside.
VERSION=${version}
banner() {
  echo "                       Ultimate Packer for eXecutables"
  echo "                          Copyright (C) 1996 - 2025"
  echo "UPX $VERSION       Markus Oberhumer, Laszlo Molnar & John Reiser    Jul 20th 2025"
  echo
}
err() { echo "upx: $1: $2" >&2; }
mode=pack; out=""; file=""
while [ $# -gt 0 ]; do
  case "$1" in
    -V|--version)
      echo "upx $VERSION"
      echo "UCL data compression library 1.03"
      echo "zlib data compression library 1.3.1"
      echo "LZMA SDK version 4.43"
      exit 0 ;;
    -t) mode=test ;;
    -o) shift; out="$1" ;;
    -[1-9]|--best|--brute|--ultra-brute|--lzma|--nrv2[bde]|--no-progress|-q|-qq|--exact|--all-methods|--all-filters|--no-align|--compress-*|--strip-relocs=*) ;;
    -*) echo "upx: unrecognized option '$1'" >&2; exit 1 ;;
    *) file="$1" ;;
  esac
  shift
done
[ -n "$file" ] || { echo "upx: no input files" >&2; exit 1; }
if [ ! -f "$file" ]; then err "$file" "FileNotFoundException: $file: No such file or directory"; exit 1; fi
marked() { head -c 200 "$1" | grep -q 'UPX! packed by the gantry stand-in'; }
if [ "$mode" = test ]; then
  if ! marked "$file"; then err "$file" "NotPackedException: not packed by UPX"; exit 2; fi
  if [ "$UPX_STANDIN_BREAK" = test ] || ! tail -n +8 "$file" | gzip -t 2>/dev/null; then err "$file" "CantUnpackException: header corrupted"; exit 1; fi
  banner; echo "testing $file [OK]"; echo; echo "Tested 1 file."; exit 0
fi
if marked "$file"; then err "$file" "AlreadyPackedException: already packed by UPX"; exit 2; fi
magic=$(head -c 4 "$file" | od -An -tx1 | tr -d ' \\n')
case "$magic" in
  cffaedfe|cefaedfe) err "$file" "CantPackException: macOS is currently not supported (try --force-macos)"; exit 1 ;;
  7f454c46) format=linux/amd64 ;;
  4d5a*) format=win64/pe ;;
  *) err "$file" "UnknownExecutableFormatException"; exit 1 ;;
esac
[ -n "$out" ] || { echo "upx: the stand-in only packs with -o" >&2; exit 1; }
if [ -e "$out" ]; then err "$file" "FileAlreadyExistsException: $out: File exists"; exit 1; fi
run='"$d/p" "$@"'
# A crash at start: the payload's folder goes first, as a real crash leaves nothing on the disk.
[ "$UPX_STANDIN_BREAK" = run ] && run='rm -rf "$d"; kill -SEGV $$'
{
  echo '#!/bin/sh'
  echo '# UPX! packed by the gantry stand-in for UPX'
  echo 'd=$(mktemp -d) || exit 1'
  echo 'tail -n +8 "$0" | gzip -dc > "$d/p" && chmod 700 "$d/p" && '"$run"
  echo 'r=$?'
  echo 'rm -rf "$d"; exit $r'
  echo '__PAYLOAD__'
  gzip -9 -n -c "$file"
} > "$out"
insize=$(wc -c < "$file"); outsize=$(wc -c < "$out")
if [ "$outsize" -ge "$insize" ]; then rm -f "$out"; err "$file" "NotCompressibleException"; exit 1; fi
chmod 755 "$out"
banner
echo "        File size         Ratio      Format      Name"
echo "   --------------------   ------   -----------   -----------"
printf "   %8d -> %8d   %5s%%   %11s   %s\\n" "$insize" "$outsize" "$((outsize * 100 / insize))" "$format" "$out"
echo
echo "Packed 1 file."
`;
}

/** Writes the stand-in as an executable `upx` in a new folder; returns its path. */
export function installStandin(dir = scratchDir("gantry-upx-standin-")): string {
  const path = join(dir, "upx");
  writeFileSync(path, standinScript(), { mode: 0o755 });
  chmodSync(path, 0o755);
  return path;
}

/**
 * A release-shaped archive, as on UPX's release page: `upx-<v>-amd64_linux.tar.xz` holding
 * `upx-<v>-amd64_linux/{upx,COPYING,LICENSE,NEWS,README,THANKS,upx.1,upx-doc.html,upx-doc.txt}`.
 */
export function makeUpxRelease(assetArch = "amd64", version = STANDIN_VERSION): { dir: string; file: string; sha256: string; urlPath: string } {
  const dir = scratchDir("gantry-upx-release-");
  const stem = `upx-${version}-${assetArch}_linux`;
  mkdirSync(join(dir, "tree", stem), { recursive: true });
  installStandin(join(dir, "tree", stem));
  for (const f of ["COPYING", "LICENSE", "NEWS", "README", "THANKS", "upx.1", "upx-doc.html", "upx-doc.txt"])
    writeFileSync(join(dir, "tree", stem, f), `${f}\n`);
  const file = join(dir, `${stem}.tar.xz`);
  execFileSync("tar", ["-cJf", file, "-C", join(dir, "tree"), stem]);
  const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
  return { dir, file, sha256, urlPath: `/v${version}/${stem}.tar.xz` };
}

/** Serves one file at one path on 127.0.0.1 (a free port), counting the requests for it. */
export async function serveFile(urlPath: string, file: string): Promise<{ base: string; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === urlPath) {
      count++;
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length });
      res.end(body);
    } else {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () => new Promise<void>((res) => server.close(() => res())),
  };
}
