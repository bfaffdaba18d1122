#!/usr/bin/env bash
# `npm test` after bootstrap: vitest with every temp file of the run (the tests' folders, and
# those of the Go toolchain, act, sshd, dockerd, HAProxy and nginx they start) under one fresh
# folder, removed at the end whatever happens, so a run leaves nothing behind on the disk. gantry's
# own caches go there too (GANTRY_CACHE_DIR). A test still cleans up after itself (the disk holds
# many runs' caches at peak otherwise); what it left is counted here, so a leak shows, and so is
# anything the run added to the user's ~/.cache and to gantry's folder in the machine's GOCACHE.
set -uo pipefail
cd "$(dirname "$0")/.."
# Short: unix socket paths under it must stay within 108 bytes.
root=$(mktemp -d "${TMPDIR:-/tmp}/gt-XXXXXX") || exit 1
# Like /tmp: the test hosts' own user (uid 4242) reaches its home and sockets under it.
chmod 1777 "$root"
# gantry's own caches (image's layer cache, the CLI's tool cache and temp folder, go-build's kept
# links and archives, otherwise in ~/.cache/gantry and GOCACHE/gantry) go in the run's folder too.
# Go's own build and module caches stay the machine's: a cold GOCACHE costs minutes per target.
cache=$root/gantry-cache
mkdir -p "$cache"

# What the user's caches hold, to report what the run added: top-level entries of ~/.cache, and
# every file under gantry's folders there and in the machine's GOCACHE.
user_cache=${XDG_CACHE_HOME:-$HOME/.cache}
# (The Go bootstrap found: on PATH, or /usr/local/go's, which bootstrap.sh also takes.)
real_gocache=$("$(command -v go || echo /usr/local/go/bin/go)" env GOCACHE 2>/dev/null || true)
watched=("$user_cache/gantry")
[[ -n $real_gocache ]] && watched+=("$real_gocache/gantry")
listing() {
  find "$user_cache" -mindepth 1 -maxdepth 1 -printf 'top %p\n' 2>/dev/null
  local d
  for d in "${watched[@]}"; do find "$d" \( -type f -o -type l \) -printf 'file %s %p\n' 2>/dev/null; done
}
before=$(mktemp) && listing | sort >"$before"

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
  # What the run added to the user's caches (it should be nothing): new entries of ~/.cache, and
  # new files under gantry's folders there and in GOCACHE, counted with their size.
  local added top files
  added=$(listing | sort | comm -13 "$before" -)
  rm -f "$before"
  top=$(grep '^top ' <<<"$added" | cut -d' ' -f2- | paste -sd' ' -)
  [[ -n $top ]] && echo "test temp: the run added to $user_cache: $top" >&2
  local d
  for d in "${watched[@]}"; do
    files=$(grep "^file [0-9]* $d/" <<<"$added" | awk '{ n++; b += $2 } END { if (n) printf "%d file(s), %d KB", n, (b + 1023) / 1024 }')
    [[ -n $files ]] && echo "test temp: the run added $files under $d" >&2
  done
  echo "test temp: gantry's caches of the run (GANTRY_CACHE_DIR): $(du -sh "$cache" 2>/dev/null | cut -f1), removed" >&2
  # What the tests left, by folder prefix, largest first: a leak shows here.
  local left
  left=$(find "$root" -mindepth 1 -maxdepth 1 ! -path "$cache" | wc -l)
  if ((left > 0)); then
    echo "test temp: the tests left $left folder(s), $(du -sh --exclude="$cache" "$root" 2>/dev/null | cut -f1) in all (largest first: $(du -sk "$root"/* 2>/dev/null | awk -F"\t" -v c="$cache" "\$2 != c" |
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

TMPDIR=$root GANTRY_CACHE_DIR=$cache node_modules/.bin/vitest run "$@"
