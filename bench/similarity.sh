#!/usr/bin/env bash
# make bench-similarity: bench/similarity.py on its own database, dropped afterwards
# (BENCH_KEEP=1 keeps it; BENCH_ROWS, SIMILARITY_BENCH_DB).
set -euo pipefail
source "$(dirname "$0")/../scripts/config.sh"
source "$ROOT/scripts/odoo-lib.sh"
DB=${SIMILARITY_BENCH_DB:-doithoai_bench_similarity}
"$ROOT/scripts/pg.sh" start
odoo_env
conf=$LOCAL/odoo-$DB.conf
[ -f "$conf" ] || conf=$(write_conf "$DB" 0)
prepare_db "$conf" "$DB"
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'drop_db "$DB"' EXIT
"$VENV/bin/python" "$ROOT/bench/similarity.py" -c "$conf" -d "$DB" --rows "${BENCH_ROWS:-1000000}"
