#!/usr/bin/env bash
# The one test command (`npm test`): static checks, a build, unit/integration tests against real
# servers, the security scan, the mutation check and the browser end-to-end specs. Every stage runs
# even when an earlier one failed, so one run shows everything; the exit code is non-zero if any
# stage failed. Each stage prints its time; the last line is the summary CI reads.
set -u
cd "$(dirname "$0")/.."
mkdir -p .tmp
# A stage that dies before writing its report must not leave the last run's numbers to be counted.
rm -f .tmp/vitest.json .tmp/playwright.json .tmp/stage-times.tsv

# Mounting a tmpfs (the full-disk test in main/workspace/store/durability.test.ts) needs root. CI
# runs as root and runs it; for anyone else it is skipped, and the summary says so and why.
if [ "$(id -u)" != 0 ] && [ -z "${GWB_NO_TMPFS:-}" ]; then export GWB_NO_TMPFS=1; fi
# Giving a file to another user (the code cache's owner check) needs root too.
if [ "$(id -u)" != 0 ] && [ -z "${GWB_NOT_ROOT:-}" ]; then export GWB_NOT_ROOT=1; fi

failed_stages=()
stage() {
  local name=$1
  shift
  echo "::: $name"
  local start end status
  start=$(date +%s%N)
  if "$@"; then status=ok; else status=FAILED; failed_stages+=("$name"); fi
  end=$(date +%s%N)
  local ms=$(((end - start) / 1000000))
  printf '::: %s %s in %d.%ds\n' "$name" "$status" $((ms / 1000)) $((ms % 1000 / 100))
  printf '%s\t%s\t%d\n' "$name" "$status" "$ms" >>.tmp/stage-times.tsv
}

stage typecheck npx tsc -p tsconfig.json --noEmit
stage lint npx eslint --max-warnings=0 .
stage format npx prettier --check --log-level=warn .
stage build node scripts/build.mjs
stage unit npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json
stage electronegativity node scripts/electronegativity.mjs
# The README's command itself, so what it documents is what CI runs.
stage mutations npm run --silent test:mutations
stage e2e env PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/playwright.json npx playwright test --reporter=list,json

node scripts/test-summary.mjs "${failed_stages[@]}"
