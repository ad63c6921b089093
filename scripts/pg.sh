#!/usr/bin/env bash
# PostgreSQL for Odoo: the server named by the PG* variables when one answers,
# otherwise a private cluster of this clone, started on demand on a free port.
# `pg.sh start` writes .local/pg.env (PGHOST, PGPORT, PGUSER, PGPASSWORD); `pg.sh stop`;
# `pg.sh running` answers by its exit code.
set -euo pipefail
source "$(dirname "$0")/config.sh"

# Empty when no server is installed: start_private then says what to do.
PG_BIN=$( (compgen -G "/usr/lib/postgresql/*/bin" || true) | sort -V | tail -n1)
ROLE=odoo

free_port() {
    "$(python_bin)" - "$1" <<'PY'
import socket, sys
port = int(sys.argv[1])
while True:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            print(port)
            break
        except OSError:
            port += 1
PY
}

run_as_owner() {  # the cluster never runs as root
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

data_dir() {
    # The cluster lives in the clone unless its owner cannot reach it (a clone under
    # /root, say): then beside it in /var/tmp, linked from .local/pgdata.
    if [ -L "$PGDATA_DIR" ]; then readlink "$PGDATA_DIR"; return; fi
    if [ "$(id -u)" != 0 ] || run_as_owner test -x "$LOCAL"; then echo "$PGDATA_DIR"; return; fi
    local dir
    dir=/var/tmp/doithoai-pg-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)
    ln -sfn "$dir" "$PGDATA_DIR"
    echo "$dir"
}

external_answers() {
    [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}${PGDATABASE:-}${PGSERVICE:-}" ] || return 1
    local isready=${PG_BIN:+$PG_BIN/}pg_isready
    command -v "$isready" >/dev/null || return 1
    "$isready" -q -t 3 -d "${PGDATABASE:-postgres}"
}

write_env() {  # host port user password
    mkdir -p "$LOCAL"
    umask 077
    printf 'PGHOST=%q\nPGPORT=%q\nPGUSER=%q\nPGPASSWORD=%q\n' "$1" "$2" "$3" "$4" >"$PG_ENV"
}

start_private() {
    [ -n "$PG_BIN" ] || die "PostgreSQL server binaries are missing: run 'make run' (it installs Debian's postgresql), or point the PG* variables at a running server."
    local data port
    data=$(data_dir)
    mkdir -p "$LOCAL"
    if [ ! -f "$data/PG_VERSION" ]; then
        say "creating a private PostgreSQL cluster in $data"
        mkdir -p "$data"
        [ "$(id -u)" = 0 ] && chown postgres: "$data"
        chmod 700 "$data"
        run_as_owner "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=trust \
            --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null \
            || die "initdb failed in $data."
    fi
    if run_as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        port=$(awk -F= '/^PGPORT=/ {print $2}' "$PG_ENV" 2>/dev/null)
        [ -n "$port" ] || die "a PostgreSQL server runs in $data but $PG_ENV is gone: run 'make stop' and try again."
    else
        # The port of the last start when still free, so generated configurations stay valid.
        port=$(awk -F= '/^PGPORT=/ {print $2}' "$PG_ENV" 2>/dev/null || true)
        port=$(free_port "${port:-54320}")
        run_as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off -c max_connections=200" \
            start >/dev/null || die "PostgreSQL did not start; its log is $data/server.log."
        run_as_owner "$PG_BIN/psql" -q -h "$data" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL >/dev/null
SELECT 'CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD ''$ROLE''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE')
\gexec
SQL
    fi
    write_env 127.0.0.1 "$port" "$ROLE" "$ROLE"
}

start() {
    if external_answers; then
        [ "${PGUSER:-$(id -un)}" != postgres ] \
            || die "Odoo refuses the 'postgres' superuser: set PGUSER to a role with CREATEDB."
        write_env "${PGHOST:-}" "${PGPORT:-5432}" "${PGUSER:-$(id -un)}" "${PGPASSWORD:-}"
        say "using the PostgreSQL server named by the PG* variables (${PGHOST:-local socket}:${PGPORT:-5432})"
    else
        start_private
    fi
}

stop() {
    local data
    [ -e "$PGDATA_DIR" ] || return 0
    data=$(data_dir)
    if run_as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        run_as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
        say "stopped the private PostgreSQL cluster"
    fi
}

running() {  # exit 0 when the private cluster of this clone runs
    [ -e "$PGDATA_DIR" ] && run_as_owner "$PG_BIN/pg_ctl" -D "$(data_dir)" status >/dev/null 2>&1
}

case "${1:-}" in
    start) start ;;
    running) running ;;
    stop) stop ;;
    *) die "usage: pg.sh start|stop|running" ;;
esac
