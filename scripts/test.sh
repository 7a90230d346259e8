#!/usr/bin/env bash
# Runs every test: units, integration (SoftHSM2, SQLite, SOAP over HTTP) and
# end-to-end in headless Chromium with the built extension. Sets up what is
# missing first. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
setup_failed() { echo "set-up failed: $1" >&2; echo "0 passed, 1 failed"; exit 1; }
source scripts/lib/ensure-system.sh || setup_failed "Debian packages"
source scripts/lib/ensure-node.sh || setup_failed "Node.js"
source scripts/lib/ensure-deps.sh || setup_failed "npm ci"

npx wxt build >&2 || setup_failed "extension build"
mkdir -p test-results
rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json "$@"
status=$?
node scripts/test-summary.ts test-results/vitest.json
summary=$?
[ $status -ne 0 ] && exit $status
exit $summary
