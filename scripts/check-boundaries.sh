#!/usr/bin/env bash
# The boundaries CONTRIBUTING.md promises, checked on the tracked sources and the built dist/ folders:
# one transport (undici only in http-request), ky only behind Session.client(), INI parsing only in
# oslo-config, and test support never imported by production code nor bundled into dist/.
# Run after a build (pnpm test runs it last).
set -euo pipefail
cd "$(dirname "$0")/.."

failures=0
fail() {
  echo "check-boundaries: $1" >&2
  failures=$((failures + 1))
}

# Files (tracked or new, not ignored) whose source matches a pattern, outside the allowed paths.
offenders() {
  local pattern=$1 allowed=$2
  git ls-files --cached --others --exclude-standard -- '*.ts' '*.mts' '*.js' '*.mjs' |
    while read -r file; do [ -f "$file" ] && printf '%s\n' "$file"; done |
    xargs -r grep -lE "$pattern" |
    grep -vE "$allowed" || true
}

undici=$(offenders "from ['\"]undici['\"]|import\\(['\"]undici['\"]\\)|require\\(['\"]undici['\"]\\)" '^packages/http-request/')
[ -z "$undici" ] || fail "undici imported outside packages/http-request: $(echo $undici)"

ky=$(offenders "from ['\"]ky['\"]|import\\(['\"]ky['\"]\\)" '^packages/keystone-auth/src/session/service-client(\.[a-z.]*)?\.ts$')
[ -z "$ky" ] || fail "ky imported outside keystone-auth's session/service-client.ts: $(echo $ky)"

ini=$(offenders "from ['\"]ini['\"]|function (parseIni|readIniFile)\\b" '^packages/oslo-config/')
[ -z "$ini" ] || fail "INI parsed outside packages/oslo-config: $(echo $ini)"

# Production code (not a test, not test support itself) importing from a testing/ folder.
testing=$(offenders "from ['\"][^'\"]*/testing/" '(\.test\.ts$|/testing/)')
[ -z "$testing" ] || fail "production code imports test support: $(echo $testing)"

# Error classes (CONTRIBUTING.md): one per file under errors/, the file named after the class in
# kebab-case, `override name = '<Class>'`; nobody assigns name or message after super().
errors=$(git ls-files --cached --others --exclude-standard -- '*.ts' | grep -v '\.test\.ts$' | node -e '
  const { readFileSync, existsSync } = require("node:fs");
  const files = readFileSync(0, "utf8").split("\n").filter((file) => file !== "" && existsSync(file));
  const kebab = (name) => name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
  const exceptions = { RequestTimeoutError: "TimeoutError" };
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    if (/this\.name\s*=|new\.target\.name|this\.message\s*=/.test(text)) console.log(`${file}: assigns name or message`);
    if (!/\/errors\/[^/]+\.ts$/.test(file)) continue;
    const classes = [...text.matchAll(/^export class (\w+)/gm)].map((match) => match[1]);
    if (classes.length !== 1) { console.log(`${file}: ${classes.length} classes`); continue; }
    const [name] = classes;
    if (!file.endsWith(`/${kebab(name)}.ts`)) console.log(`${file}: holds ${name}`);
    if (!text.includes(`override name = \x27${exceptions[name] ?? name}\x27;`)) console.log(`${file}: no override name of ${name}`);
  }')
[ -z "$errors" ] || fail "error classes off convention:
$errors"

# Bundles whose source maps name a file of a testing/ folder.
bundled=$(node -e '
  const { readFileSync } = require("node:fs");
  for (const map of process.argv.slice(1)) {
    const { sources } = JSON.parse(readFileSync(map, "utf8"));
    if (sources.some((source) => /(^|\/)testing\//.test(source))) console.log(map);
  }' $(ls packages/*/dist/*.js.map apps/*/dist/*.js.map 2>/dev/null))
[ -z "$bundled" ] || fail "bundles with test support: $(echo $bundled)"

if [ "$failures" -gt 0 ]; then
  echo "check-boundaries: $failures problem(s)" >&2
  exit 1
fi
echo "check-boundaries: ok (one transport, ky behind client(), INI in oslo-config, no test support in dist/)"
