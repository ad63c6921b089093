# Functions to configure and drive Odoo for one database (sourced after config.sh).
# shellcheck shell=bash

odoo_env() {
    odoo_paths
    [ -n "$ODOO_DEB_VERSION" ] && [ -f "$ODOO_ROOT/.complete" ] \
        || die "Odoo is not set up yet: run 'make run' or 'make test' once."
    set -a; source "$PG_ENV"; set +a
    export PYTHONPATH=$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}
    VENV=$(venv_dir)
    # The package's launcher, not `python -m odoo`: in prefork mode (WORKERS > 0) Odoo
    # re-spawns its websocket (gevent) process from sys.argv[0].
    ODOO=("$VENV/bin/python" "$ODOO_ROOT/usr/bin/odoo")
}

write_conf() {  # db http_port
    local db=$1 port=$2 conf=$LOCAL/odoo-$1.conf
    mkdir -p "$LOCAL/data"
    [ -s "$LOCAL/admin_passwd" ] || (umask 077; head -c 18 /dev/urandom | base64 >"$LOCAL/admin_passwd")
    umask 077
    cat >"$conf" <<CONF
[options]
addons_path = $ODOO_SRC/odoo/addons,$ROOT
data_dir = $LOCAL/data
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = $PGPASSWORD
db_name = $db
dbfilter = ^$db\$
list_db = False
admin_passwd = $(cat "$LOCAL/admin_passwd")
http_interface = 127.0.0.1
http_port = $port
gevent_port = $((port + 3))
workers = ${WORKERS:-0}
max_cron_threads = 1
CONF
    printf '%s\n' "$conf"
}

port_free() {
    ! "$VENV/bin/python" -c 'import socket,sys; s=socket.socket(); s.connect(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

db_owner() {  # prints the owner of database $1, or nothing when it does not exist
    "$VENV/bin/python" - "$1" <<'PY'
import sys, psycopg2
con = psycopg2.connect(dbname="postgres")
cur = con.cursor()
cur.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", [sys.argv[1]])
row = cur.fetchone()
print(row[0] if row else "")
PY
}

module_installed() {  # db
    "$VENV/bin/python" - "$1" <<'PY'
import sys, psycopg2
con = psycopg2.connect(dbname=sys.argv[1])
cur = con.cursor()
cur.execute("SELECT 1 FROM ir_module_module WHERE name = 'doithoai_module' AND state = 'installed'")
sys.exit(0 if cur.fetchone() else 1)
PY
}

prepare_db() {  # conf db: creates it with the module and demo data, or updates the module
    local conf=$1 db=$2 owner
    owner=$(db_owner "$db") || die "cannot connect to PostgreSQL at ${PGHOST}:${PGPORT} as ${PGUSER}."
    if [ -n "$owner" ] && [ "$owner" != "$PGUSER" ]; then
        die "database '$db' belongs to '$owner', not to '$PGUSER': choose another one with DB=name."
    fi
    if [ -n "$owner" ] && module_installed "$db"; then
        say "updating doithoai_module in database '$db'"
        "${ODOO[@]}" -c "$conf" -d "$db" -u doithoai_module --i18n-overwrite --stop-after-init --log-level=warn \
            || die "updating doithoai_module failed: see the log above."
    else
        say "creating database '$db' with doithoai_module and its demo data"
        "${ODOO[@]}" -c "$conf" -d "$db" -i doithoai_module --with-demo --load-language=vi_VN --stop-after-init --log-level=warn \
            || die "installing doithoai_module failed: see the log above."
    fi
}

drop_db() {  # db: removes it and its filestore
    "$VENV/bin/python" - "$1" <<'PY'
import sys, psycopg2
con = psycopg2.connect(dbname="postgres")
con.autocommit = True
con.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[1].replace('"', ''))
PY
    rm -rf "$LOCAL/data/filestore/$1"
}
