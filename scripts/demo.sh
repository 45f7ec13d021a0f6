#!/usr/bin/env bash
# The main job, from a fresh Debian machine with Node 20 and npm: installs what is missing, builds, starts a
# real Prometheus (sample data), a real Keystone and an Aetos-compatible gateway on 127.0.0.1, runs
# `kitty-collect serve --once` through Aetos into SQLite, and prints the usage per scope and rating type.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
pnpm turbo run build --filter @kitty-collect/demo... --output-logs=errors-only
node apps/demo/dist/demo.js
echo "demo: ${SECONDS} s in all, set-up and build included"
