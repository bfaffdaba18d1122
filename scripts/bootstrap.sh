#!/usr/bin/env bash
# Installs what gantry's demo and tests need, and is quick when everything is there:
# npm dependencies, then (on Debian/Ubuntu, as root) the Debian packages of every tool in
# scripts/tools.txt. Go: the machine's own (/usr/local/go or PATH) when it is 1.26 or newer (the
# pinned tools under tools/ need it), else Debian's golang-go only when that one is new enough:
# Debian 12's is 1.19, and installing it would be tried again on every run and still not do.
# As non-root it installs nothing from Debian and prints the exact command to run.
# Last, the Go tools pinned under tools/ (scripts/go-tools.sh); `--bench` adds gotestsum
# and ko.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x /usr/local/go/bin/go && ":$PATH:" != *:/usr/local/go/bin:* ]] && export PATH=$PATH:/usr/local/go/bin

# npm: install when node_modules is missing or older than the lock file.
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "bootstrap: installing npm dependencies" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
# npm does not always link workspace bins on a plain install.
[[ -e node_modules/.bin/gantry ]] || npm rebuild @gantry/cli --loglevel=error >/dev/null

# The oldest Go the pinned tools build with (their go.mod files say `go 1.26`).
GO_MIN=1.26
# Whether a Go version (1.26.3, go1.26rc1, Debian's 2:1.19~1) is GO_MIN or newer.
go_new_enough() {
  local v=${1#*:}; v=${v#go}; local major=${v%%.*} rest=${v#*.}; local minor=${rest%%[!0-9]*}
  [[ $major =~ ^[0-9]+$ && $minor =~ ^[0-9]+$ ]] || return 1
  ((major > ${GO_MIN%%.*} || (major == ${GO_MIN%%.*} && minor >= ${GO_MIN#*.})))
}
go_ok() {
  command -v go >/dev/null 2>&1 && go_new_enough "$(go env GOVERSION 2>/dev/null)"
}
# Debian's golang-go is worth installing only when the version apt would install is new enough.
debian_go_ok() {
  command -v apt-cache >/dev/null 2>&1 || return 1
  go_new_enough "$(apt-cache policy golang-go 2>/dev/null | sed -n 's/^ *Candidate: *//p')"
}
go_needed() {
  local have debian
  have=$(go env GOVERSION 2>/dev/null || echo none)
  debian=$(apt-cache policy golang-go 2>/dev/null | sed -n 's/^ *Candidate: *//p' || true)
  echo "bootstrap: gantry needs Go $GO_MIN or newer, at /usr/local/go/bin/go or on PATH (found: $have)." >&2
  echo "bootstrap: install it from https://go.dev/dl/ into /usr/local/go; Debian's golang-go is used only" >&2
  echo "bootstrap: when it is new enough (here: ${debian:-none})." >&2
  echo "bootstrap: the Go tools in tools/ are not built; the tests that need them are skipped, and fail under CI=true." >&2
}

missing=()
while read -r cmd pkg; do
  [[ -z $cmd || $cmd == \#* || $pkg == tools/* ]] && continue
  if [[ $cmd == go ]]; then go_ok || ! debian_go_ok || missing+=("$pkg"); continue; fi
  if [[ $cmd == /* ]]; then [[ -e $cmd ]] || missing+=("$pkg"); continue; fi
  command -v "$cmd" >/dev/null 2>&1 || [[ -x /usr/sbin/$cmd || -x /sbin/$cmd ]] || missing+=("$pkg")
done < scripts/tools.txt
# The demo drives none of the pinned Go tools: a new user's first `npm run demo` does not wait for them.
# Without a new enough Go (none found, or Debian's too old to install), say what is needed once
# rather than install a Go that would not do.
go_tools() {
  go_ok || { go_needed; return 0; }
  [[ ${1:-} == --demo ]] || bash scripts/go-tools.sh "$@"
}
((${#missing[@]})) || { go_tools "$@"; exit; }
mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" ca-certificates | sort -u)
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "bootstrap: installing Debian packages: ${pkgs[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
else
  echo "bootstrap: these tools are missing; as root on Debian/Ubuntu, run:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${pkgs[*]}" >&2
  echo "bootstrap: tests that need them are skipped here, and fail under CI=true." >&2
fi
go_tools "$@"
