#!/usr/bin/env bash
# Installs what a fresh Debian machine with Node 20 and npm lacks, the workspace dependencies, and builds the
# service, the examples and what they use. Shared by .ci/run (all tests) and scripts/demo.sh (the main job).
# Idempotent: what is already there is skipped. Non-interactive: needs root (or password-less sudo) only when
# Debian packages or pnpm are missing.
#
# Prints one line per stage with its time; everything the tools print (apt-get, npm, pnpm install with
# node-gyp's compilation of better-sqlite3, the build) goes to setup.log at the repository root. On a
# failure the end of that log is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1
# better-sqlite3 is compiled against Node's headers from /usr/include/node (no download; pnpm ignores .npmrc's nodedir).
export npm_config_nodedir=/usr
export DEBIAN_FRONTEND=noninteractive

PNPM_VERSION=12.4.2
LOG="$PWD/setup.log"
: >"$LOG"
setup_started=$SECONDS

# apt-get and npm i -g need root: as root, or through sudo without a password prompt (run `sudo -v` first).
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
need_root() {
  [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null && return 0
  echo "setup: $1 needs root: run as root, or run \`sudo -v\` first (sudo without a prompt), then again" >&2
  exit 1
}

# stage LABEL COMMAND…: runs COMMAND with its output in the log, then prints "setup: LABEL … N s" (and
# STAGE_NOTE if COMMAND set it); on failure, the last lines of the log and its path, exiting with COMMAND's
# code. A function given as COMMAND must return its own failures: set -e does not apply inside `||`.
stage() {
  local label=$1
  shift
  local started=$SECONDS code=0
  STAGE_NOTE=
  printf 'setup: %s … ' "$label"
  printf '\n=== %s: %s\n' "$label" "$*" >>"$LOG"
  "$@" >>"$LOG" 2>&1 </dev/null || code=$?
  if [ "$code" -ne 0 ]; then
    printf 'failed after %d s (exit code %d)\n' "$((SECONDS - started))" "$code"
    echo "setup: the last 40 lines of $LOG:" >&2
    tail -n 40 "$LOG" | sed 's/^/  /' >&2
    echo "setup: failed at \"$label\"; the whole log: $LOG" >&2
    exit "$code"
  fi
  printf '%d s%s\n' "$((SECONDS - started))" "$STAGE_NOTE"
}

skip() { printf 'setup: %s … already there\n' "$1"; }

apt_install() {
  as_root apt-get update -q || return
  as_root apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "$@"
}

# Real servers the tests and the demo start on 127.0.0.1: Prometheus (+ promtool) and Keystone (WSGI via
# waitress); the real `cloudkitty` CLI (python3-cloudkittyclient) drives the API in the tests; make and g++
# compile better-sqlite3; PostgreSQL (Debian's `postgresql`: initdb and postgres under /usr/lib/postgresql) is
# the replicas' shared storage, started by the tests as an unprivileged user.
need_apt=()
command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
[ -x /usr/bin/keystone-manage ] || need_apt+=(python3-keystone)
/usr/bin/python3 -c 'import waitress' >/dev/null 2>&1 || need_apt+=(python3-waitress)
command -v cloudkitty >/dev/null 2>&1 || need_apt+=(python3-cloudkittyclient)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need_apt+=(postgresql)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v setpriv >/dev/null 2>&1 || need_apt+=(util-linux)
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || need_apt+=(make g++)
if [ ${#need_apt[@]} -gt 0 ]; then
  need_root "installing Debian packages (${need_apt[*]})"
  stage "apt packages (${need_apt[*]})" apt_install "${need_apt[@]}"
else
  skip "apt packages"
fi

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  need_root "npm i -g pnpm@$PNPM_VERSION"
  stage "pnpm $PNPM_VERSION (npm i -g)" as_root npm i -g "pnpm@$PNPM_VERSION"
else
  skip "pnpm $PNPM_VERSION"
fi

# better-sqlite3's native addon: prebuild-install tries to download a prebuilt binary (from GitHub; without
# network access it logs getaddrinfo ENOTFOUND, which is harmless), else node-gyp compiles it
# (minutes on 2 cores). pnpm keeps a compiled addon in its store: a reinstall reuses it.
sqlite_addon() {
  compgen -G 'node_modules/.pnpm/better-sqlite3@*/node_modules/better-sqlite3/build/Release/better_sqlite3.node' >/dev/null
}
node_packages() {
  local had_addon=0
  sqlite_addon && had_addon=1
  pnpm install --frozen-lockfile || return
  if [ "$had_addon" -eq 0 ] && sqlite_addon; then
    if grep -q 'gyp info ok' "$LOG"; then STAGE_NOTE=" (better-sqlite3 built from source)"; else STAGE_NOTE=" (better-sqlite3 reused, not compiled)"; fi
  fi
}
stage "node packages" node_packages

stage "build" pnpm turbo run build --concurrency=2 --output-logs=errors-only \
  --filter=@kitty-collect/collector-service... --filter=@kitty-collect/examples...

echo "setup: done in $((SECONDS - setup_started)) s (log: $LOG)"
