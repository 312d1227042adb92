#!/usr/bin/env bash
# The one test command (`npm test`): static checks, a build, unit/integration tests against real
# servers, the security scan and the browser end-to-end specs. Every stage runs even when an
# earlier one failed, so one run shows everything; the exit code is non-zero if any stage failed.
set -u
cd "$(dirname "$0")/.."
mkdir -p .tmp
failed_stages=()
stage() {
  local name=$1
  shift
  echo "::: $name"
  if ! "$@"; then failed_stages+=("$name"); fi
}

stage typecheck npx tsc -p tsconfig.json --noEmit
stage lint npx eslint --max-warnings=0 .
stage format npx prettier --check --log-level=warn .
stage build node scripts/build.mjs
stage unit npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json
if [ -f scripts/electronegativity.mjs ]; then stage electronegativity node scripts/electronegativity.mjs; fi
if [ -f playwright.config.ts ]; then
  stage e2e env PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/playwright.json npx playwright test --reporter=list,json
fi

node scripts/test-summary.mjs "${failed_stages[@]}"
