#!/usr/bin/env bash
# Every public package stands alone (issue 12): builds them (and the test stack the README examples run
# against), then scripts/check-packages.mjs packs each into a folder under /tmp, runs publint and attw on the
# tarballs, checks that dist/ imports only dependencies, installs the tarballs with plain npm into an empty
# project and runs each README's runnable examples there, and installs the service's tarball with
# `npm install -g` to run `kitty-collect --help`. Needs npm's registry (for the pinned tools and the packages'
# own dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

filters=()
for manifest in packages/*/package.json apps/*/package.json; do
  if node -e 'process.exit(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).private === true ? 1 : 0)' "$manifest"; then
    filters+=("--filter=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).name' "$manifest")")
  fi
done
pnpm turbo run build --concurrency=2 --output-logs=errors-only "${filters[@]}" --filter=@kitty-collect/test-stack
node scripts/check-packages.mjs "$@"
