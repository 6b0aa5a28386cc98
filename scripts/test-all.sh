#!/usr/bin/env bash
# The whole test suite: type check, migration drift of both database providers (starts a local
# PostgreSQL), lint, content check, unit tests, production build and a start from a
# production-only install, e2e in Chromium, then the multi-instance tests (nginx, two instances,
# PostgreSQL; scripts/multi-instance.sh installs nginx when missing). The unit tests run twice:
# on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s ==\n' "$1"; }

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  step "Installing Debian's Chromium for the end-to-end tests"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install it with 'sudo apt-get install chromium' (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi

step "Prisma client"
npm run --silent db:generate >/dev/null
step "Type check"
npx tsc --noEmit
step "Migrations of SQLite and PostgreSQL match the schema"
# Exported: the unit tests that compare SQLite with PostgreSQL (copy, job claims) use it too.
TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-$(bash scripts/pg-ensure.sh)}"
export TEST_POSTGRES_URL
npm run --silent db:drift
step "Lint (ESLint with the layer rule, Prettier, knip)"
npm run --silent lint
step "Course content check"
npm run --silent courses:check -- --strict
step "Unit tests (vitest)"
npx vitest run
step "Unit tests on PostgreSQL (vitest against the server of the drift check)"
npm run --silent test:pg
step "Production build"
npm run --silent build
step "Bundle size budget (lesson page JavaScript, gzip)"
npm run --silent bundle:size
step "Production-only start (no development packages)"
bash scripts/check-production-start.sh
step "End-to-end tests (Playwright + Chromium)"
npx playwright test
step "Several instances behind nginx on PostgreSQL (journey, SCORM and ZIP across instances, kill -9)"
multi_start=$SECONDS
npm run --silent test:multi
echo "multi-instance tests: $((SECONDS - multi_start)) s"
