#!/usr/bin/env bash
# `npm test` after bootstrap: vitest with every temp file of the run (the tests' folders, and
# those of the Go toolchain, act, sshd, dockerd, HAProxy and nginx they start) under one fresh
# folder, removed at the end whatever happens, so a run leaves nothing behind on the disk. A
# test still cleans up after itself (the disk holds many runs' caches at peak otherwise); what it
# left is counted here, so a leak shows.
set -uo pipefail
cd "$(dirname "$0")/.."
# Short: unix socket paths under it must stay within 108 bytes.
root=$(mktemp -d "${TMPDIR:-/tmp}/gt-XXXXXX") || exit 1
# Like /tmp: the test hosts' own user (uid 4242) reaches its home and sockets under it.
chmod 1777 "$root"

cleanup() {
  # Processes a test left running in the folder (a test stops what it starts by its pid).
  local p cwd
  for p in /proc/[0-9]*; do
    cwd=$(readlink "$p/cwd" 2>/dev/null) || continue
    case "$cwd" in "$root" | "$root"/*)
      echo "test temp: killing pid ${p#/proc/} left running in $cwd" >&2
      kill -9 "${p#/proc/}" 2>/dev/null ;;
    esac
  done
  # Mounts a killed daemon left (dockerd binds its data-root), deepest first.
  awk -v r="$root" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l 2>/dev/null
  # What the tests left, by folder prefix, largest first: a leak shows here.
  local left
  left=$(find "$root" -mindepth 1 -maxdepth 1 | wc -l)
  if ((left > 0)); then
    echo "test temp: the tests left $left folder(s), $(du -sh "$root" 2>/dev/null | cut -f1) in all (largest first: $(du -sk "$root"/* 2>/dev/null |
      sed -E 's#\t.*/#\t#; s/[-.]?[A-Za-z0-9]{6}$//' |
      awk -F'\t' '{ kb[$2] += $1; n[$2]++ } END { for (k in kb) printf "%d %s %d\n", kb[k], k, n[k] }' |
      sort -rn | head -6 | awk '{ printf "%s %d× %s, ", $2, $3, ($1 >= 1024 ? sprintf("%.0f MB", $1 / 1024) : $1 " KB") }')removed)" >&2
  fi
  chmod -R u+w "$root" 2>/dev/null
  rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

TMPDIR=$root node_modules/.bin/vitest run "$@"
