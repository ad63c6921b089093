#!/usr/bin/env bash
# make stop: stops the Odoo servers (and `make cluster`) started from this clone, then the
# private PostgreSQL and its replica.
set -euo pipefail
source "$(dirname "$0")/config.sh"
for pidfile in "$LOCAL"/odoo-*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" && say "stopped the Odoo server $pid"
        for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$pidfile"
done
"$ROOT/scripts/pg.sh" stop
