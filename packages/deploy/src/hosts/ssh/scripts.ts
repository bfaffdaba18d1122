/**
 * The scripts SshHost runs on a server, and the parsers of what they print. Each script is a
 * constant: values arrive as positional parameters ($1…) quoted by shell.ts, secrets only on
 * stdin. They need nothing but a POSIX shell and the base utilities (issue 7: "the remote side
 * needs only a POSIX shell"); where a tool may be missing, the script tries the alternatives.
 */
import type { Target } from "@gantry/core";

/** The exit code the scripts use for "no such file" (never used by ssh, cat or mkdir). */
export const MISSING = 3;
/** The exit code for "not enough free space" (ENOSPC's errno). */
export const NO_SPACE = 28;

/** What the host has: printed once per run, on the first connection. `$@`: extra commands to look for. */
export const PROBE = `uname -s; uname -m; id -un
for c in curl wget socat setsid nohup sha256sum shasum openssl ps ss "$@"; do command -v "$c" >/dev/null 2>&1 && printf '%s\\n' "has $c"; done
[ -r /proc/self/stat ] && echo "has /proc"
exit 0`;

export const READ = `[ -f "$1" ] || exit ${MISSING}; cat -- "$1"`;

/** $1 path, $2 offset, $3 max bytes: the size on the first line, then the bytes. */
export const READ_FROM = `[ -f "$1" ] || exit ${MISSING}; wc -c < "$1"; tail -c +$(($2 + 1)) "$1" | head -c "$3"`;

export const SIZE = `[ -f "$1" ] || exit ${MISSING}; wc -c < "$1"`;

/**
 * A new temp file beside "$1" in $t, created exclusively (mktemp, else noclobber) so a symlink
 * planted at the temp name is never followed (issue 10). Runs under umask 077.
 */
const NEW_TEMP = (v: string) => `${v}=$(mktemp "$1.tmp-XXXXXX" 2>/dev/null) || { ${v}="$1.tmp-$$"; rm -f -- "$${v}"; set -C; : > "$${v}" || exit 1; set +C; }`;

/**
 * $1 path, $2 octal mode; the data on stdin. Folders get the usual 022 umask; the file is created
 * under 077 and only then given its mode, so a 0600 secret is never readable by others, even briefly.
 */
export const WRITE = `umask 022; mkdir -p -- "$(dirname -- "$1")" || exit 1
umask 077; ${NEW_TEMP("t")}
if cat > "$t" && chmod "$2" "$t" && mv -f -- "$t" "$1"; then exit 0; fi
rm -f -- "$t"; exit 1`;

/** rename(2) semantics: an existing non-empty folder is not moved into (mv would). */
export const RENAME = `if [ -d "$2" ] && [ ! -L "$2" ]; then rmdir -- "$2" 2>/dev/null || { echo "$2 exists and is not empty" >&2; exit 1; }; fi
mv -f -- "$1" "$2"`;

export const MKDIRP = `mkdir -p -- "$1" && chmod "$2" "$1"`;

export const REMOVE = `rm -rf -- "$1"`;
export const LIST = `[ -d "$1" ] || exit 0; ls -A -- "$1"`;
export const EXISTS = `[ -e "$1" ] || [ -L "$1" ] || exit ${MISSING}`;

const SHA = `if command -v sha256sum >/dev/null 2>&1; then sha256sum < "$F"
elif command -v shasum >/dev/null 2>&1; then shasum -a 256 < "$F"
else openssl dgst -sha256 -r < "$F"; fi`;

export const SHA256 = `[ -f "$1" ] || exit ${MISSING}; F=$1; ${SHA}`;

/**
 * $1 path, $2 octal mode, $3 KiB needed; the bytes on stdin. Checks the free space first (issue 7:
 * "a remote disk that is full" fails before the host is changed), writes a temp name, prints its
 * sha256, then renames it into place.
 */
export const UPLOAD = `umask 022; d=$(dirname -- "$1"); mkdir -p -- "$d" || exit 1
avail=$(df -Pk -- "$d" 2>/dev/null | awk 'NR == 2 { print $4 }')
if [ -n "$avail" ] && [ "$avail" -lt "$3" ]; then echo "only $avail KiB free in $d, $3 KiB needed" >&2; exit ${NO_SPACE}; fi
umask 077; ${NEW_TEMP("F")}
if ! { cat > "$F" && chmod "$2" "$F"; }; then rm -f -- "$F"; exit 1; fi
${SHA} || { rm -f -- "$F"; exit 1; }
mv -f -- "$F" "$1"`;

/**
 * $1 log file, $2 pid file, $3 folder, then the program and its arguments; the environment on
 * stdin, one KEY=value per line. The log is not world-readable (0640, issue 10). The program
 * starts in a new session (setsid, else nohup) with an empty environment plus those lines, so it outlives the SSH session and inherits nothing;
 * `wrapper` writes its pid before exec. Prints the pid once the pid file exists.
 */
export function spawnScript(wrapper: string): string {
  const quoted = `'${wrapper.replace(/'/g, "'\\''")}'`;
  return `log=$1 pidf=$2 dir=$3; shift 3
umask 022; mkdir -p -- "$(dirname -- "$log")" "$(dirname -- "$pidf")" || exit 1
[ -L "$log" ] && rm -f -- "$log"; (umask 027; : >> "$log") && chmod 640 "$log" || exit 1
rm -f -- "$pidf"; cd -- "$dir" || exit 1
launch=$(command -v setsid || command -v nohup) || { echo "neither setsid nor nohup is installed" >&2; exit 1; }
exec 3<&0
env -i /bin/sh -c 'while IFS= read -r l <&3; do export "$l" || exit 97; done; exec 3<&-; exec "$@"' sh "$launch" /bin/sh -c ${quoted} "$pidf" "$@" >> "$log" 2>&1 &
exec 3<&-
i=0; while [ ! -s "$pidf" ] && [ $i -lt 250 ]; do sleep 0.02 2>/dev/null || sleep 1; i=$((i + 1)); done
cat -- "$pidf" 2>/dev/null || echo $!`;
}

/** $1 pid: `proc <state>` then the command line's words one per line; or `ps <stat> <args>`; or `gone`. */
export const PROCESS = `if [ -d /proc/self ]; then
  s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo gone; exit 0; }
  s=\${s##*) }; echo "proc \${s%% *}"; tr '\\0' '\\n' < "/proc/$1/cmdline" 2>/dev/null; exit 0
fi
p=$(ps -o stat= -o args= -p "$1" 2>/dev/null) && [ -n "$p" ] && echo "ps $p" || echo gone`;

/** $1 pid, $2 signal name: exit 0 when sent or the process is gone already. */
export const SIGNAL = `kill -s "$2" "$1" 2>/dev/null || ! kill -0 "$1" 2>/dev/null`;

/** The host's listening TCP sockets: /proc/net/tcp{,6} where there is /proc, else `ss`. */
export const LISTENING = `if [ -r /proc/net/tcp ]; then echo proc; cat /proc/net/tcp /proc/net/tcp6 2>/dev/null; else echo ss; ss -Hltn; fi`;

/**
 * $1 URL, $2 seconds, $3 curl or wget: one GET on the host. Prints `code <status> [seconds]` or
 * `error <text>`. curl runs with -g (URL globbing off, issue 10): health-path may hold `[`, `]`,
 * `{` or `}`, which curl would otherwise read as a range or a set.
 */
export const HTTP_PROBE = `if [ "$3" = curl ]; then
  out=$(curl -g -sS -o /dev/null -A gantry-deploy --max-time "$2" -w '\\ngantry-code %{http_code} %{time_total}\\n' "$1" 2>&1)
  res=$(printf '%s\\n' "$out" | sed -n 's/^gantry-code //p' | tail -n 1)
  case $res in
    000*|'') echo "error $(printf '%s\\n' "$out" | grep -v '^gantry-code' | grep . | head -n 1)" ;;
    *) echo "code $res" ;;
  esac
  exit 0
fi
out=$(wget -q -S -O /dev/null -U gantry-deploy -T "$2" "$1" 2>&1)
code=$(printf '%s\\n' "$out" | sed -n 's/^ *HTTP\\/[0-9.]* \\([0-9][0-9][0-9]\\).*/\\1/p' | tail -n 1)
if [ -n "$code" ]; then echo "code $code"; else echo "error $(printf '%s\\n' "$out" | grep . | tail -n 1)"; fi`;

/** $1 a folder that may not exist yet: the KiB free where it would be created, and whether the user may write there. */
export const FREE = `d=$1; while [ ! -d "$d" ]; do d=$(dirname -- "$d"); done
avail=$(df -Pk -- "$d" 2>/dev/null | awk 'NR == 2 { print $4 }')
if [ -w "$d" ]; then w=writable; else w=read-only; fi
echo "\${avail:-unknown} $w $d"`;

/** Whether the socket exists and the user may write to it (to explain an empty answer). */
export const SOCKET_CHECK = `[ -S "$1" ] || { echo missing; exit 0; }; [ -w "$1" ] || { echo denied; exit 0; }; echo ok`;

/** $1 socket, $2 seconds: one exchange with socat, the request on stdin. */
export const SOCAT = `exec socat -t "$2" - "UNIX-CONNECT:$1"`;

/** What the probe found. */
export interface HostFacts {
  platform: Target;
  user: string;
  /** Commands found on PATH (and `/proc` when readable). */
  has: Set<string>;
}

const ARCH: Record<string, Pick<Target, "arch" | "variant">> = {
  x86_64: { arch: "amd64", variant: "" },
  amd64: { arch: "amd64", variant: "" },
  aarch64: { arch: "arm64", variant: "" },
  arm64: { arch: "arm64", variant: "" },
  armv7l: { arch: "arm", variant: "v7" },
  armv6l: { arch: "arm", variant: "v6" },
  i686: { arch: "386", variant: "" },
  i386: { arch: "386", variant: "" },
  riscv64: { arch: "riscv64", variant: "" },
  ppc64le: { arch: "ppc64le", variant: "" },
  s390x: { arch: "s390x", variant: "" },
};

/** Parses PROBE's output. */
export function parseProbe(text: string): HostFacts {
  const [os = "", machine = "", user = "", ...rest] = text.trim().split("\n");
  const a = ARCH[machine.trim()] ?? { arch: machine.trim(), variant: "" };
  return {
    platform: { os: os.trim().toLowerCase(), ...a },
    user: user.trim(),
    has: new Set(rest.filter((l) => l.startsWith("has ")).map((l) => l.slice(4).trim())),
  };
}

/** Parses PROCESS's output into the engine's ProcessInfo. */
export function parseProcess(text: string): { state: "running" | "zombie" | "gone"; command?: string } {
  const [head = "", ...words] = text.replace(/\n+$/, "").split("\n");
  if (head.startsWith("proc ")) {
    const st = head.slice(5).trim();
    return { state: st === "Z" || st === "X" ? "zombie" : "running", command: words.filter(Boolean).join(" ") };
  }
  if (head.startsWith("ps ")) {
    const [stat = "", ...args] = head.slice(3).trim().split(/\s+/);
    return { state: stat.startsWith("Z") ? "zombie" : "running", command: args.join(" ") };
  }
  return { state: "gone" };
}

/** Whether LISTENING's output shows a TCP listener on the port (any address). */
export function isListening(text: string, port: number): boolean {
  const [kind, ...lines] = text.split("\n");
  if (kind === "ss") return lines.some((l) => new RegExp(`:${port}\\s`).test(`${l.trim().split(/\s+/)[3] ?? ""} `));
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  // /proc/net/tcp: "sl local_address rem_address st …"; local is HEXADDR:HEXPORT, st 0A is LISTEN.
  return lines.some((l) => {
    const f = l.trim().split(/\s+/);
    return f[1]?.endsWith(`:${hex}`) === true && f[3] === "0A";
  });
}

/** Parses HTTP_PROBE's output. */
export function parseHttpProbe(text: string): { status: number; ms?: number } | { error: string } {
  const line = text.trim().split("\n")[0] ?? "";
  const m = /^code (\d{3})(?: ([\d.]+))?/.exec(line);
  if (m) return { status: Number(m[1]), ...(m[2] ? { ms: Number(m[2]) * 1000 } : {}) };
  return { error: line.replace(/^error\s*/, "").replace(/^curl: \(\d+\)\s*/, "") || "no answer" };
}

/** The sha256 at the start of a sha256sum / shasum / openssl -r line. */
export function parseSha(text: string): string | undefined {
  return /^([0-9a-f]{64})\b/.exec(text.trim())?.[1];
}
