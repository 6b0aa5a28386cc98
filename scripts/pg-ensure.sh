#!/usr/bin/env bash
# Makes sure a local PostgreSQL server (Debian's postgresql package) runs with a role that may
# create databases, and prints the URL tests and migration checks use for it (TEST_POSTGRES_URL).
# Installs the package when it is missing and we are root, as test-all.sh does for Chromium.
set -euo pipefail

role=stigmavrij
as_postgres() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi; }

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Debian's postgresql" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "PostgreSQL is missing: install it with 'sudo apt-get install postgresql' (or set TEST_POSTGRES_URL)." >&2
    exit 1
  fi
fi

read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${version:-}" ]; then
  echo "PostgreSQL is installed but has no cluster: create one with 'pg_createcluster --start 15 main'." >&2
  exit 1
fi
if [ "$status" != "online" ]; then
  echo "Starting PostgreSQL $version/$cluster" >&2
  if [ "$(id -u)" = "0" ]; then pg_ctlcluster "$version" "$cluster" start >&2; else as_postgres pg_ctlcluster "$version" "$cluster" start >&2; fi
fi
if ! as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'" | grep -q 1; then
  echo "Creating the PostgreSQL role $role (may create databases)" >&2
  as_postgres psql -p "$port" -qc "CREATE ROLE $role LOGIN CREATEDB PASSWORD '$role'" >&2
fi
echo "postgresql://$role:$role@localhost:$port/postgres"
