#!/usr/bin/env bash
# make bench-export: bench/export.py on its own database, dropped afterwards
# (BENCH_KEEP=1 keeps it for another run; BENCH_ROWS, EXPORT_BENCH_DB, BENCH_ARGS e.g. --tracemalloc).
set -euo pipefail
source "$(dirname "$0")/../scripts/config.sh"
source "$ROOT/scripts/odoo-lib.sh"
DB=${EXPORT_BENCH_DB:-doithoai_bench_export}
"$ROOT/scripts/pg.sh" start
odoo_env
conf=$LOCAL/odoo-$DB.conf
[ -f "$conf" ] || conf=$(write_conf "$DB" 0)
prepare_db "$conf" "$DB"
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'drop_db "$DB"' EXIT
"$VENV/bin/python" "$ROOT/bench/export.py" -c "$conf" -d "$DB" --rows "${BENCH_ROWS:-100000}" ${BENCH_ARGS:-}
