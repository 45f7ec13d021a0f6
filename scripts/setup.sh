#!/usr/bin/env bash
# Installs what a fresh Debian machine with Node 20 and npm lacks, then the workspace dependencies.
# Shared by .ci/run (all tests) and scripts/demo.sh (the main job).
set -euo pipefail
cd "$(dirname "$0")/.."

export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1
# better-sqlite3 is compiled against Node's headers from /usr/include/node (no download; pnpm ignores .npmrc's nodedir).
export npm_config_nodedir=/usr
export DEBIAN_FRONTEND=noninteractive

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Real servers the tests and the demo start on 127.0.0.1: Prometheus (+ promtool) and Keystone (WSGI via waitress).
need_apt=()
command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
[ -x /usr/bin/keystone-manage ] || need_apt+=(python3-keystone)
/usr/bin/python3 -c 'import waitress' >/dev/null 2>&1 || need_apt+=(python3-waitress)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v setpriv >/dev/null 2>&1 || need_apt+=(util-linux)
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || need_apt+=(make g++)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  as_root apt-get update -q
  as_root apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

if [ "$(pnpm --version 2>/dev/null || true)" != "12.4.2" ]; then
  echo "setup: installing pnpm 12.4.2"
  as_root npm i -g pnpm@12.4.2
fi

pnpm install --frozen-lockfile
