#!/usr/bin/env bash
# Installs what gantry's demo and tests need, and is quick when everything is there:
# npm dependencies, then (on Debian/Ubuntu, as root) the Debian packages of every tool in
# scripts/tools.txt. Go: the machine's own when it is 1.22 or newer, else Debian's golang-go.
# As non-root it installs nothing from Debian and prints the exact command to run.
# Last, the Go tools pinned under tools/ (scripts/go-tools.sh); `--bench` adds goreleaser and ko.
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

go_ok() {
  command -v go >/dev/null 2>&1 || return 1
  local v; v=$(go env GOVERSION 2>/dev/null) || return 1
  v=${v#go}; local major=${v%%.*} rest=${v#*.}; local minor=${rest%%[.a-z]*}
  ((major > 1 || (major == 1 && minor >= 22)))
}

missing=()
while read -r cmd pkg; do
  [[ -z $cmd || $cmd == \#* || $pkg == tools/* ]] && continue
  if [[ $cmd == go ]]; then go_ok || missing+=("$pkg"); continue; fi
  if [[ $cmd == /* ]]; then [[ -e $cmd ]] || missing+=("$pkg"); continue; fi
  command -v "$cmd" >/dev/null 2>&1 || [[ -x /usr/sbin/$cmd || -x /sbin/$cmd ]] || missing+=("$pkg")
done < scripts/tools.txt
# The demo drives none of the pinned Go tools: a new user's first `npm run demo` does not wait for them.
go_tools() { [[ ${1:-} == --demo ]] || bash scripts/go-tools.sh "$@"; }
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
