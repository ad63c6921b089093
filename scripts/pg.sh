#!/usr/bin/env bash
# PostgreSQL for Odoo: the server named by the PG* variables when one answers,
# otherwise a private cluster of this clone, started on demand on a free port.
# `pg.sh start` writes .local/pg.env (PGHOST, PGPORT, PGUSER, PGPASSWORD); `pg.sh stop`;
# `pg.sh running` answers by its exit code. `pg.sh replica-start` makes (pg_basebackup -R) and
# starts a streaming replica of the private cluster in .local/pgreplica, writing .local/pg-replica.env
# (PGHOST_REPLICA, PGPORT_REPLICA); `pg.sh replica-stop` stops it (`pg.sh stop` does too).
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
        # Durable for make run; make test starts it with PG_FSYNC=off (throw-away databases).
        run_as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=${PG_FSYNC:-on} -c max_connections=200" \
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

replica_dir() {  # beside the primary's data directory (same owner, same reachability)
    local data
    data=$(data_dir)
    if [ "$data" = "$PGDATA_DIR" ]; then echo "$LOCAL/pgreplica"; return; fi
    ln -sfn "$data-replica" "$LOCAL/pgreplica"
    echo "$data-replica"
}

replica_start() {
    # Only the private cluster can be configured here; an external server is the agency's.
    if ! running; then
        die "no streaming replica: the database is not this clone's private cluster (the PG* server cannot be configured from here); run without PG* variables, or give Odoo db_replica_host yourself."
    fi
    local data port rdata rport level
    data=$(data_dir)
    port=$(awk -F= '/^PGPORT=/ {print $2}' "$PG_ENV")
    psql_primary() { run_as_owner "$PG_BIN/psql" -qAtX -h "$data" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
    # The primary: wal_level replica (PostgreSQL's default, unless someone lowered it) and a
    # pg_hba line letting the postgres user replicate over the cluster's own socket.
    level=$(psql_primary -c "SHOW wal_level")
    if [ "$level" = minimal ]; then
        say "setting wal_level = replica on the private cluster (restart)"
        psql_primary -c "ALTER SYSTEM SET wal_level = replica" >/dev/null
        run_as_owner "$PG_BIN/pg_ctl" -D "$data" -w -m fast restart >/dev/null \
            || die "PostgreSQL did not restart; its log is $data/server.log."
    fi
    if ! run_as_owner grep -Eq '^local[[:space:]]+replication[[:space:]]+(all|postgres)[[:space:]]+trust' "$data/pg_hba.conf"; then
        run_as_owner sh -c "printf 'local replication postgres trust\n' >>'$data/pg_hba.conf'"
        psql_primary -c "SELECT pg_reload_conf()" >/dev/null
    fi
    rdata=$(replica_dir)
    if run_as_owner "$PG_BIN/pg_ctl" -D "$rdata" status >/dev/null 2>&1; then
        rport=$(awk -F= '/^PGPORT_REPLICA=/ {print $2}' "$LOCAL/pg-replica.env" 2>/dev/null)
        [ -n "$rport" ] && return 0
        run_as_owner "$PG_BIN/pg_ctl" -D "$rdata" -m fast -w stop >/dev/null
    fi
    # A fresh copy each time: a replica left from an earlier primary could not follow this one.
    rm -rf "$rdata"
    say "making a streaming replica of the private cluster in $rdata (pg_basebackup -R)"
    mkdir -p "$rdata"
    [ "$(id -u)" = 0 ] && chown postgres: "$rdata"
    chmod 700 "$rdata"
    # (The primary's socket lives in its data directory: pg_basebackup warns that it skips it.)
    run_as_owner "$PG_BIN/pg_basebackup" -h "$data" -p "$port" -U postgres -D "$rdata" -R -X stream -c fast \
        2> >(grep -v 'skipping special file' >&2) || die "pg_basebackup from the private cluster failed."
    rport=$(free_port $((port + 1)))
    run_as_owner "$PG_BIN/pg_ctl" -D "$rdata" -l "$rdata/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$rport -c unix_socket_directories=$rdata -c hot_standby=on -c max_connections=200" \
        start >/dev/null || die "the replica did not start; its log is $rdata/server.log."
    umask 077
    printf 'PGHOST_REPLICA=127.0.0.1\nPGPORT_REPLICA=%q\n' "$rport" >"$LOCAL/pg-replica.env"
    say "streaming replica on 127.0.0.1:$rport"
}

replica_stop() {
    [ -e "$LOCAL/pgreplica" ] || return 0
    local rdata
    rdata=$(replica_dir)
    if run_as_owner "$PG_BIN/pg_ctl" -D "$rdata" status >/dev/null 2>&1; then
        run_as_owner "$PG_BIN/pg_ctl" -D "$rdata" -m fast -w stop >/dev/null
        say "stopped the PostgreSQL replica"
    fi
    rm -f "$LOCAL/pg-replica.env"
}

stop() {
    replica_stop
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
    replica-start) replica_start ;;
    replica-stop) replica_stop ;;
    *) die "usage: pg.sh start|stop|running|replica-start|replica-stop" ;;
esac
