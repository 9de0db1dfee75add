#!/usr/bin/env bash
# Makes sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer: installs the Debian
# packages when they are missing and starts the servers when they are down. Idempotent.
set -euo pipefail
PGHOST_="${MAGPIE_PG_HOST:-127.0.0.1}"; PGPORT_="${MAGPIE_PG_PORT:-5432}"
REDIS_PORT_="${MAGPIE_REDIS_PORT:-6379}"
SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

pg_up() { command -v pg_isready >/dev/null && pg_isready -h "$PGHOST_" -p "$PGPORT_" -q; }
redis_up() { command -v redis-cli >/dev/null && [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT_" ping 2>/dev/null)" = "PONG" ]; }
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "$@" >/dev/null
}

if ! pg_up; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then echo "services: installing postgresql"; apt_install postgresql; fi
  ver=$(ls /etc/postgresql | sort -V | tail -1)
  hba="/etc/postgresql/$ver/main/pg_hba.conf"
  # Local test servers use trust auth on loopback, as the CI machine does.
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    $SUDO sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  echo "services: starting postgresql $ver"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
if ! redis_up; then
  if ! command -v redis-server >/dev/null; then echo "services: installing redis"; apt_install redis-server; fi
  echo "services: starting redis"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  $SUDO redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT_" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/magpie.log
  for _ in $(seq 1 30); do redis_up && break; sleep 0.5; done
fi
pg_up || { echo "services: PostgreSQL does not answer on $PGHOST_:$PGPORT_" >&2; exit 1; }
redis_up || { echo "services: Redis does not answer on 127.0.0.1:$REDIS_PORT_" >&2; exit 1; }
echo "services: postgresql and redis answer"
