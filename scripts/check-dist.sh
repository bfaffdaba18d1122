#!/usr/bin/env bash
# Rebuilds dist/ and the root action.yml and fails when they differ from what is committed
# (changed, deleted or new files alike): `uses:` runs what is committed, not the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/build.mjs
changes=$(git status --porcelain -- dist action.yml)
if [[ -n $changes ]]; then
  echo "dist/ or action.yml is stale; run npm run build and commit:" >&2
  echo "$changes" | head -n 20 >&2
  exit 1
fi
echo "dist/ and action.yml match the sources"
