#!/usr/bin/env bash
# make cluster: the production layout rehearsed on one machine. Two Odoo servers (prefork,
# WORKERS each, with their websocket/gevent process) on ONE database and ONE data directory
# (filestore and sessions), behind a private nginx on 127.0.0.1:PORT, and a PostgreSQL
# streaming replica that both servers use for their read-only routes (db_replica_host).
#
#   nginx 127.0.0.1:PORT ─┬─ /          → Odoo 1 :PORT+1, Odoo 2 :PORT+3  (round robin)
#                         └─ /websocket → gevent :PORT+2, gevent :PORT+4 (Upgrade headers)
#   Odoo 1 runs the crons (max_cron_threads = 1), Odoo 2 none.
#   primary PostgreSQL (pg.sh) ── streaming ──> replica (pg.sh replica-start)
#
# Ctrl+C or `make stop` stops everything started here (nginx, both servers, the replica).
set -euo pipefail
source "$(dirname "$0")/config.sh"
source "$ROOT/scripts/odoo-lib.sh"
DB=${DB:-doithoai}
PORT=${PORT:-8069}
CLUSTER_WORKERS=${CLUSTER_WORKERS:-2}
DIR=$LOCAL/cluster-$DB
PIDFILE=$LOCAL/odoo-cluster-$DB.pid   # `make stop` stops the Odoo servers' pid files: this one too

"$ROOT/scripts/setup.sh"
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || die "nginx is missing: run 'make setup' (it installs Debian's nginx)."
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
# Whether the database is an external PG* server, decided before pg.sh writes pg.env.
external=${PGHOST:-}${PGPORT:-}${PGUSER:-}${PGDATABASE:-}${PGSERVICE:-}
"$ROOT/scripts/pg.sh" start
odoo_env

ports=("$PORT" $((PORT + 1)) $((PORT + 2)) $((PORT + 3)) $((PORT + 4)))
for p in "${ports[@]}"; do
    port_free "$p" || die "port $p is in use (the cluster takes PORT to PORT+4): stop that server ('make stop') or choose another with PORT=9069."
done
[ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && die "a cluster for '$DB' already runs (pid $(cat "$PIDFILE")): 'make stop' first."

rm -rf "$DIR"
mkdir -p "$DIR"
pids=()
stop_all() {
    trap - EXIT INT TERM
    local pid
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    [ -z "$external" ] && "$ROOT/scripts/pg.sh" replica-stop || true
    rm -f "$PIDFILE"
    say "cluster stopped"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
echo $$ >"$PIDFILE"

replica=()
if [ -n "$external" ]; then
    say "no PostgreSQL replica: the database is the external server named by the PG* variables, which cannot be configured from here (it needs wal_level=replica and a replication line in pg_hba); both servers use it for reads too."
else
    "$ROOT/scripts/pg.sh" replica-start
    set -a; source "$LOCAL/pg-replica.env"; set +a
    replica=("db_replica_host = $PGHOST_REPLICA" "db_replica_port = $PGPORT_REPLICA")
fi

# One configuration per server: the same database, data directory and admin password.
base=$(WORKERS=$CLUSTER_WORKERS write_conf "$DB" $((PORT + 1)))
prepare_db "$base" "$DB"
for n in 1 2; do
    http=$((PORT + 2 * n - 1))
    {
        grep -vE '^(http_port|gevent_port|max_cron_threads) ' "$base"
        printf '%s\n' "http_port = $http" "gevent_port = $((http + 1))" "proxy_mode = True" \
            "max_cron_threads = $([ "$n" = 1 ] && echo 1 || echo 0)" "${replica[@]}"
    } >"$DIR/odoo-$n.conf"
    "${ODOO[@]}" -c "$DIR/odoo-$n.conf" -d "$DB" --logfile="$DIR/odoo-$n.log" &
    pids+=($!)
done

# nginx as Odoo's deployment documentation lays it out, as a private instance (never the
# system service): its own prefix, pid, logs and temporary files in $DIR.
cat >"$DIR/nginx.conf" <<NGINX
$([ "$(id -u)" = 0 ] && echo "user root;  # workers write the temporary files below")
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $DIR/client_body;
    proxy_temp_path $DIR/proxy;
    fastcgi_temp_path $DIR/fastcgi;
    uwsgi_temp_path $DIR/uwsgi;
    scgi_temp_path $DIR/scgi;
    types { text/html html; }
    default_type application/octet-stream;

    upstream odoo {
        server 127.0.0.1:$((PORT + 1));
        server 127.0.0.1:$((PORT + 3));
    }
    upstream odoochat {
        server 127.0.0.1:$((PORT + 2));
        server 127.0.0.1:$((PORT + 4));
    }
    map \$http_upgrade \$connection_upgrade {
        default upgrade;
        ''      close;
    }
    log_format upstream '\$remote_addr [\$time_local] "\$request" \$status \$upstream_addr \$request_time';

    server {
        listen 127.0.0.1:$PORT;
        access_log $DIR/nginx-access.log upstream;
        client_max_body_size 64m;
        proxy_read_timeout 720s;
        proxy_connect_timeout 720s;
        proxy_send_timeout 720s;
        # Which Odoo server answered (the cluster's test reads it).
        add_header X-Upstream \$upstream_addr always;

        location /websocket {
            proxy_pass http://odoochat;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
            proxy_set_header X-Forwarded-Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Real-IP \$remote_addr;
        }
        location / {
            proxy_pass http://odoo;
            proxy_set_header X-Forwarded-Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Real-IP \$remote_addr;
            proxy_redirect off;
        }
        gzip on;
        gzip_types text/css text/plain application/json application/javascript;
    }
}
NGINX
"$NGINX" -t -q -e "$DIR/nginx-error.log" -p "$DIR" -c "$DIR/nginx.conf" || die "nginx refuses $DIR/nginx.conf: see above."
"$NGINX" -e "$DIR/nginx-error.log" -p "$DIR" -c "$DIR/nginx.conf" -g 'daemon off;' &
pids+=($!)

cat >&2 <<MSG

  Đối thoại runs as a cluster at http://127.0.0.1:$PORT  (database '$DB')
  nginx → Odoo 1 (127.0.0.1:$((PORT + 1)), crons) and Odoo 2 (127.0.0.1:$((PORT + 3))), $CLUSTER_WORKERS workers each,
  websocket → 127.0.0.1:$((PORT + 2)) and :$((PORT + 4)); ${replica:+read-only routes on the replica 127.0.0.1:${PGPORT_REPLICA:-}}
  Log in as admin / admin (demo users: password demo). Logs: $DIR/
  Stop with Ctrl+C or 'make stop'.

MSG
# Any of them ending ends the cluster (and stops the others).
wait -n "${pids[@]}" || true
say "a process of the cluster ended: stopping the others"
