#!/usr/bin/env bash
# Installs what gantry's demo and tests need, and is quick when everything is there:
# npm dependencies, then (on Debian/Ubuntu, as root) the Debian packages of the real tools.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm: install when node_modules is missing or older than the lock file.
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "bootstrap: installing npm dependencies" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
# npm does not always link workspace bins on a plain install.
[[ -e node_modules/.bin/gantry ]] || npm rebuild @gantry/cli --loglevel=error >/dev/null

# command → Debian package
declare -A need=(
  [go]=golang-go
  [git]=git
  [qemu-aarch64-static]=qemu-user-static
  [docker-registry]=docker-registry
  [skopeo]=skopeo
  [dockerd]=docker.io
  [haproxy]=haproxy
  [nginx]=nginx-light
  [sshd]=openssh-server
  [ssh]=openssh-client
  [supervisord]=supervisor
  [strip]=binutils
  [aarch64-linux-gnu-strip]=binutils-aarch64-linux-gnu
  [x86_64-w64-mingw32-strip]=binutils-mingw-w64-x86-64
  [arm-linux-gnueabihf-strip]=binutils-arm-linux-gnueabihf
  [ip]=iproute2
  [file]=file
  [unzip]=unzip
)
missing=()
for cmd in "${!need[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || [[ -x /usr/sbin/$cmd ]] || missing+=("${need[$cmd]}")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    mapfile -t pkgs < <(printf '%s\n' "${missing[@]}" | sort -u)
    echo "bootstrap: installing Debian packages: ${pkgs[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" ca-certificates >/dev/null
  else
    echo "bootstrap: missing tools (${missing[*]}); install them, or run as root on Debian/Ubuntu. Tests that need them say so and are skipped." >&2
  fi
fi
