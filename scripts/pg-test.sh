#!/usr/bin/env bash
# `npm run test:pg [-- <vitest files or options>]`: runs vitest against PostgreSQL. Makes sure a
# local server runs (scripts/pg-ensure.sh, or TEST_POSTGRES_URL for another one), points
# DATABASE_URL at PostgreSQL, and tests/setup/postgres-template.ts migrates one template database
# that every test database is copied from. Without arguments it runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-$(bash scripts/pg-ensure.sh)}"
export TEST_POSTGRES_URL
# The app's own client (for code that does not take the database as an argument) uses the
# server's `stigmavrij` database.
DATABASE_URL="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/stigmavrij"; console.log(u.href)' "$TEST_POSTGRES_URL")"
export DATABASE_URL
npm run --silent db:generate >/dev/null
npx vitest run "$@"
