#!/usr/bin/env bash
# Serves the production build on a fresh, migrated database for the end-to-end tests.
# playwright.config.ts sets PORT, DATABASE_URL, MAIL_OUTBOX_DIR, the certificate and SCORM directories.
set -euo pipefail
db_file="${DATABASE_URL#file:}"
rm -rf "$db_file" "$db_file-wal" "$db_file-shm" "$MAIL_OUTBOX_DIR" "$CERTIFICATE_CACHE_DIR" "$CERTIFICATE_BUNDLE_DIR" "$SCORM_PACKAGE_DIR"
npx prisma migrate deploy >/dev/null
# The release step of a deployment (the server itself only syncs into an empty database).
node scripts/courses-sync.mjs >/dev/null
exec node server.js
