#!/usr/bin/env bash
# Proves that a production install runs without development tools: copies only what a
# deployment needs to a directory outside the project, keeps the production dependencies
# (`npm prune --omit=dev`: no tsx, esbuild, Remix compiler or chokidar), migrates a fresh
# database with the Prisma CLI, starts `node server.js` and checks the build artefacts really
# load (scripts/check-production-start.mjs). Run after `npm run build`.
#
# What a production install consists of, and why:
#   build/               the server bundle and its artefacts (PDF worker, SCORM runtime and CSS, fonts)
#   public/              static files, including the browser bundle in public/build/
#   prisma/              schema and migrations for `prisma migrate deploy`, the database URL helper
#   prisma.config.ts     Prisma CLI configuration (the better-sqlite3 adapter); Prisma loads it itself
#   courses/             the modules, synced into the database by the release step below
#   scripts/courses-sync.mjs  that release step (`npm run courses:sync`), plain Node on the build
#   server.js, server/*.js  the HTTP server and its request rules (body caps, methods, proxy, load)
#   package.json, package-lock.json
#   node_modules/        production dependencies only (with the generated Prisma client)
set -euo pipefail
cd "$(dirname "$0")/.."

port="${CHECK_PORT:-3198}"
# Outside the project: Node would otherwise find the development packages in ../node_modules.
dir="$(mktemp -d "${TMPDIR:-/tmp}/stigmavrij-production-XXXXXX")"
trap 'rm -rf "$dir"' EXIT

cp -r build public prisma courses prisma.config.ts server.js package.json package-lock.json "$dir/"
mkdir "$dir/server" && cp server/*.js "$dir/server/"
mkdir "$dir/scripts" && cp scripts/courses-sync.mjs "$dir/scripts/"
cp scripts/check-production-start.mjs "$dir/"
# Copying node_modules and pruning it is much faster than `npm ci --omit=dev`, which would
# compile better-sqlite3 again.
cp -a node_modules "$dir/node_modules"
(cd "$dir" && npm prune --omit=dev --no-audit --no-fund --loglevel=error)

for tool in tsx esbuild @remix-run/dev chokidar vitest; do
  if [ -e "$dir/node_modules/$tool" ]; then
    echo "production start check: $tool is still installed after pruning" >&2
    exit 1
  fi
done

cd "$dir"
export DATABASE_URL="file:./data/production-check.db" NODE_ENV=production PORT="$port" COOKIE_SECURE=false \
  APP_ORIGIN="http://localhost:$port" \
  CERTIFICATE_REMINDERS=off MAIL_OUTBOX_DIR="$dir/outbox"
node_modules/.bin/prisma migrate deploy >/dev/null
npm run --silent courses:sync >/dev/null
node check-production-start.mjs
