#!/usr/bin/env bash
# Builds the Go tools listed in scripts/tools.txt (lines whose package is a folder under tools/)
# into .tools/bin, each from the module that pins it (tools/<name>/go.mod; tools/README.md says
# why one module per tool). Issue 11: only the Go module proxy is used, and a warm run is instant:
# a tool is rebuilt only when its binary is missing or its go.mod/go.sum changed since it was
# built (.tools/stamps/<name> holds their sha256). Tools marked `bench` are built only with --bench.
# Called by scripts/bootstrap.sh; a tool that cannot be built is reported and the others go on
# (the tests that need it are skipped, and fail under CI=true naming it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
[[ -x /usr/local/go/bin/go && ":$PATH:" != *:/usr/local/go/bin:* ]] && export PATH=$PATH:/usr/local/go/bin
bench=0
[[ ${1:-} == --bench ]] && bench=1

if ! command -v go >/dev/null 2>&1; then
  echo "bootstrap: no go on PATH: the Go tools in tools/ are not built" >&2
  exit 0
fi
# Never fall back to fetching straight from version control: the proxy only (issue 11). Asked
# only when a tool needs building, so that a warm run stays instant.
proxy_only() {
  local proxy
  # (grep finds nothing when GOPROXY is `direct` alone: not an error, the default proxy is used.)
  proxy=$(go env GOPROXY | tr ',|' '\n\n' | { grep -vx direct || true; } | paste -sd, -)
  export GOPROXY=${proxy:-https://proxy.golang.org}
}

mkdir -p .tools/bin .tools/stamps
failed=()
while read -r cmd dir group; do
  [[ -z $cmd || $cmd == \#* || $dir != tools/* ]] && continue
  [[ -z ${group:-} || $bench == 1 ]] || continue
  # A missing go.sum is go install's error to report (below), not a silent exit under pipefail.
  sum=$({ cat "$dir/go.mod" "$dir/go.sum" 2>/dev/null || true; } | sha256sum | cut -d' ' -f1)
  [[ -x .tools/bin/$cmd && $(cat ".tools/stamps/$cmd" 2>/dev/null) == "$sum" ]] && continue
  [[ -v GOPROXY_ONLY ]] || { proxy_only; GOPROXY_ONLY=1; }
  echo "bootstrap: building $cmd from $dir/go.mod into .tools/bin" >&2
  # -mod=readonly: go.sum is the pin; a missing or different checksum is an error, never an update.
  if (cd "$dir" && GOBIN="$root/.tools/bin" go install -mod=readonly tool); then
    echo "$sum" >".tools/stamps/$cmd"
  else
    rm -f ".tools/stamps/$cmd"
    failed+=("$cmd")
  fi
done <scripts/tools.txt
if ((${#failed[@]})); then
  echo "bootstrap: could not build ${failed[*]} (see the errors above; tools/README.md);" >&2
  echo "bootstrap: tests that need them are skipped here, and fail under CI=true." >&2
fi
exit 0
