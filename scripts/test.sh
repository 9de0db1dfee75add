#!/usr/bin/env bash
# The test command (npm test): services up, circular-import check, type check, lint (module
# boundaries), then unit and integration tests on real PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh
node tools/check-cycles.mjs
npx tsc -p tsconfig.json --noEmit
# The module-boundary rule reads Nx's cached project graph: compute it first, or the rule is skipped.
npx nx show projects >/dev/null
npx eslint . --max-warnings 0
# PGlite loads its WASM through dynamic import, which Jest only allows with vm modules.
mkdir -p tmp
rc=0
NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules --no-warnings" npx jest --ci --json --outputFile tmp/jest-results.json "$@" || rc=$?
# A plain closing line that any CI reads: "N passed, N failed".
node -e 'const r=require("./tmp/jest-results.json");console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' || true
exit $rc
