#!/usr/bin/env bash
# The benchmarks' common runner: bench/<name>.py on its own database, dropped afterwards
# (BENCH_KEEP=1 keeps it for another run; BENCH_ROWS overrides the default rows).
#   bench/run.sh <name> <database> <default rows> [more arguments of bench/<name>.py]
set -euo pipefail
source "$(dirname "$0")/../scripts/config.sh"
source "$ROOT/scripts/odoo-lib.sh"
name=$1 DB=$2 rows=$3
shift 3
"$ROOT/scripts/pg.sh" start
odoo_env
conf=$LOCAL/odoo-$DB.conf
[ -f "$conf" ] || conf=$(write_conf "$DB" 0)
prepare_db "$conf" "$DB"
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'drop_db "$DB"' EXIT
"$VENV/bin/python" "$ROOT/bench/$name.py" -c "$conf" -d "$DB" --rows "${BENCH_ROWS:-$rows}" "$@"
