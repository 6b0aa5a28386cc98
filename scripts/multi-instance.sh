#!/usr/bin/env bash
# The multi-instance setup of docs/deployment.md, for real, on this machine: one PostgreSQL
# (scripts/pg-ensure.sh), a fresh database, the release steps once, two instances of the
# production build (`npm run build` first) started as deploy/systemd/stigmavrij@.service starts
# them, on one shared STORAGE_DIR, and nginx with deploy/nginx/stigmavrij.conf in front.
#
#   bash scripts/multi-instance.sh                 # runs until Ctrl-C
#   bash scripts/multi-instance.sh -- <command>    # runs <command> against it, then stops
#
# nginx runs as its own master process (not the system service) with its prefix, pid file and
# logs in a temporary directory. Like systemd's Restart=on-failure, an instance that dies is
# started again. The command gets the setup in its environment: E2E_PORT (nginx's port),
# E2E_DATABASE_URL, E2E_OUTBOX, E2E_SCORM_DIR, E2E_CERTIFICATE_DIR, E2E_BUNDLE_DIR,
# MULTI_RUN_DIR (pid files and logs: <name>.pid, <name>.log, nginx-access.log) and
# MULTI_INSTANCES ("a=http://localhost:3212 b=http://localhost:3222").
# Ports: MULTI_PORT (nginx, default 3202), MULTI_PORT_A (3212) and MULTI_PORT_B (3222).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

nginx_port=${MULTI_PORT:-3202}
declare -A instance_port=([a]=${MULTI_PORT_A:-3212} [b]=${MULTI_PORT_B:-3222})
unit=deploy/systemd/stigmavrij@.service
nginx_template=deploy/nginx/stigmavrij.conf

command=()
if [ "${1:-}" = "--" ]; then
  shift
  command=("$@")
fi

log() { printf '[multi-instance] %s\n' "$*" >&2; }

if [ ! -f build/artefacts.json ]; then
  log "no production build: run 'npm run build' first"
  exit 1
fi

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = "0" ]; then
    log "Installing Debian's nginx"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  else
    log "nginx is missing: install it with 'sudo apt-get install nginx'"
    exit 1
  fi
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

# The unit file is the one a deployment installs: check it, then start the instances from it.
if command -v systemd-analyze >/dev/null 2>&1; then
  verify_dir=$(mktemp -d)
  cp "$unit" "$verify_dir/stigmavrij@${instance_port[a]}.service"
  # verify exits 0 on warnings (an unknown key, a bad value): any output is a failure here.
  verify_output=$(cd "$verify_dir" && systemd-analyze verify "stigmavrij@${instance_port[a]}.service" 2>&1 || true)
  rm -rf "$verify_dir"
  if [ -n "$verify_output" ]; then
    log "systemd-analyze verify $unit:"
    printf '%s\n' "$verify_output" >&2
    exit 1
  fi
fi
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
mapfile -t unit_environment < <(sed -n 's/^Environment=//p' "$unit")

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/stigmavrij-multi-$nginx_port.XXXXXX")
# nginx's workers run as an unprivileged user when the master runs as root.
chmod 755 "$run_dir"
storage_dir="$run_dir/storage"
mkdir -p "$storage_dir" "$run_dir/nginx/logs"

stopping=0
cleanup() {
  local status=$?
  stopping=1
  touch "$run_dir/stopping"
  for name in "${!instance_port[@]}"; do
    if [ -f "$run_dir/$name.pid" ]; then kill -TERM "$(cat "$run_dir/$name.pid")" 2>/dev/null || true; fi
  done
  if [ -f "$run_dir/nginx.pid" ]; then kill -QUIT "$(cat "$run_dir/nginx.pid")" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  if [ -n "${database_name:-}" ]; then psql -q "$maintenance_url" -c "DROP DATABASE IF EXISTS $database_name WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [ "$status" = "0" ]; then
    rm -rf "$run_dir"
  else
    log "kept the logs in $run_dir"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

maintenance_url=${TEST_POSTGRES_URL:-$(bash scripts/pg-ensure.sh)}
database_name="stigmavrij_multi_$nginx_port"
database_url=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' \
  "$maintenance_url" "$database_name")
log "fresh database $database_name"
psql -q "$maintenance_url" -c "DROP DATABASE IF EXISTS $database_name WITH (FORCE)" >/dev/null
psql -q "$maintenance_url" -c "CREATE DATABASE $database_name" >/dev/null

origin="http://localhost:$nginx_port"
# What /etc/stigmavrij/stigmavrij.env holds in a deployment (deploy/systemd/stigmavrij.env.example).
shared_environment=(
  "APP_ORIGIN=$origin"
  "DATABASE_URL=$database_url"
  "STORAGE_DIR=$storage_dir"
  "TRUST_PROXY=1"
  "MAIL_OUTBOX_DIR=$storage_dir/outbox"
  "WEB_CONCURRENCY=1"
  "CERTIFICATE_REMINDERS=off"
  # The tests share a busy machine with other work; load shedding has tests of its own.
  "OVERLOAD_MAX_DELAY_MS=0"
  "MAX_CONCURRENT_REQUESTS=0"
)

log "release steps: migrations, seed, course sync"
env "${shared_environment[@]}" npx prisma migrate deploy >"$run_dir/release.log" 2>&1 ||
  { cat "$run_dir/release.log" >&2; exit 1; }
env "${shared_environment[@]}" npx tsx prisma/seed.ts >>"$run_dir/release.log" 2>&1 ||
  { cat "$run_dir/release.log" >&2; exit 1; }
env "${shared_environment[@]}" NODE_ENV=production npm run --silent courses:sync >>"$run_dir/release.log" 2>&1 ||
  { cat "$run_dir/release.log" >&2; exit 1; }

# One instance as systemd runs it: the unit's Environment= lines (after the shared file, as
# systemd orders them), %i as the port, its ExecStart= in the working directory. A process
# that dies is started again after a second (Restart=on-failure, RestartSec=2s).
supervise() {
  local name=$1 port=$2 environment=() line
  for line in "${unit_environment[@]}"; do environment+=("${line//%i/$port}"); done
  while [ ! -e "$run_dir/stopping" ]; do
    # shellcheck disable=SC2086 # ExecStart= is a command line, split as systemd splits it.
    env "${shared_environment[@]}" "${environment[@]}" ${exec_start//%i/$port} >>"$run_dir/$name.log" 2>&1 &
    echo $! >"$run_dir/$name.pid"
    local code=0
    wait $! || code=$?
    [ -e "$run_dir/stopping" ] && break
    echo "[multi-instance] instance $name exited ($code); starting it again" >>"$run_dir/$name.log"
    sleep 1
  done
}

upstreams=""
for name in a b; do
  supervise "$name" "${instance_port[$name]}" &
  upstreams+="server 127.0.0.1:${instance_port[$name]} max_fails=1 fail_timeout=5s;"$'\n    '
done

sed -e "s|@UPSTREAM_SERVERS@|${upstreams//$'\n'/\\n}|" \
  -e "s|@LISTEN@|127.0.0.1:$nginx_port|" \
  -e "s|@SERVER_NAME@|localhost|" \
  -e "s|@ACCESS_LOG@|$run_dir/nginx-access.log|" \
  "$nginx_template" >"$run_dir/stigmavrij.conf"
cat >"$run_dir/nginx.conf" <<EOF
# Written by scripts/multi-instance.sh: a private nginx around $nginx_template.
daemon off;
worker_processes 1;
pid $run_dir/nginx.pid;
error_log $run_dir/nginx-error.log notice;
events { worker_connections 1024; }
http {
    client_body_temp_path $run_dir/nginx/client_body;
    proxy_temp_path $run_dir/nginx/proxy;
    fastcgi_temp_path $run_dir/nginx/fastcgi;
    uwsgi_temp_path $run_dir/nginx/uwsgi;
    scgi_temp_path $run_dir/nginx/scgi;
    include $run_dir/stigmavrij.conf;
}
EOF
"$nginx_bin" -t -q -p "$run_dir/nginx" -c "$run_dir/nginx.conf" -e "$run_dir/nginx-error.log"
"$nginx_bin" -p "$run_dir/nginx" -c "$run_dir/nginx.conf" -e "$run_dir/nginx-error.log" &

# Each instance answers /readyz itself, then nginx does.
wait_ready() {
  local url=$1 deadline=$((SECONDS + 120))
  until curl -fsS --max-time 2 "$url" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$url did not become ready within 120 s; logs in $run_dir"
      tail -n 30 "$run_dir"/*.log >&2 || true
      exit 1
    fi
    sleep 0.5
  done
}
for name in a b; do wait_ready "http://localhost:${instance_port[$name]}/readyz"; done
wait_ready "$origin/readyz"
log "serving on $origin (instances a: ${instance_port[a]}, b: ${instance_port[b]}; logs in $run_dir)"

export E2E_PORT=$nginx_port
export E2E_DATABASE_URL=$database_url
export E2E_OUTBOX=$storage_dir/outbox
export E2E_SCORM_DIR=$storage_dir/scorm
export E2E_CERTIFICATE_DIR=$storage_dir/certificates
export E2E_BUNDLE_DIR=$storage_dir/bundles
export MULTI_RUN_DIR=$run_dir
export MULTI_INSTANCES="a=http://localhost:${instance_port[a]} b=http://localhost:${instance_port[b]}"

if [ "${#command[@]}" -gt 0 ]; then
  "${command[@]}"
else
  while [ "$stopping" = "0" ]; do wait || true; done
fi
