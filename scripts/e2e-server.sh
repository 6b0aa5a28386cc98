#!/usr/bin/env bash
# Serves the production build on a fresh, migrated database for the end-to-end tests.
set -euo pipefail
rm -rf data/e2e.db data/e2e.db-wal data/e2e.db-shm data/e2e-outbox
npx prisma migrate deploy >/dev/null
exec node server.js
