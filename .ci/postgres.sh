#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the store tests, and print its URL.
#
#   export MARSAD_TEST_PG="$(bash .ci/postgres.sh)"
#
# Installs PostgreSQL from Debian's packages when absent (needs root), makes a cluster in a
# temporary directory owned by a non-root user (initdb refuses root), listens on 127.0.0.1 only
# with a free port, and prints postgresql://marsad@127.0.0.1:PORT/marsad_test on stdout (all
# messages go to stderr). Stop it with: pg_ctl -D "$DIR" stop (DIR is printed on stderr), or let
# the machine go. Exit status 0 and no URL printed when no server can be had (tests then skip).
set -uo pipefail

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

BIN="$(find_bin)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing postgresql from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq postgresql; } >&2 || { log "apt-get failed: no PostgreSQL"; exit 0; }
    BIN="$(find_bin)"
  fi
fi
if [ -z "$BIN" ]; then
  log "no PostgreSQL here and no way to install it (not root): PostgreSQL tests will skip"
  exit 0
fi

RUN_AS=()
if [ "$(id -u)" = 0 ]; then
  PGUSER_OS="${MARSAD_PG_OS_USER:-marsadpg}"
  if ! id "$PGUSER_OS" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS" >&2 || { log "cannot create user $PGUSER_OS"; exit 0; }
  fi
  RUN_AS=(runuser -u "$PGUSER_OS" --)
fi

DIR="$(mktemp -d /tmp/marsad-pg.XXXXXX)"
chmod 700 "$DIR"
[ "${#RUN_AS[@]}" -gt 0 ] && chown "$PGUSER_OS" "$DIR"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

"${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -U marsad -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
  || "${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -U marsad -A trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
  || { log "initdb failed, see $DIR/initdb.log"; exit 0; }

"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c full_page_writes=off -c max_connections=200" start >&2 \
  || { log "the server did not start, see $DIR/server.log"; exit 0; }

"${RUN_AS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U marsad marsad_test >&2 || { log "createdb failed"; exit 0; }

log "server running: data in $DIR (stop: ${RUN_AS[*]} $BIN/pg_ctl -D $DIR/data stop)"
echo "postgresql://marsad@127.0.0.1:$PORT/marsad_test"
