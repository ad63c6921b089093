#!/usr/bin/env bash
# make bench-export: bench/export.py on its own database, dropped afterwards
# (BENCH_KEEP=1 keeps it for another run; BENCH_ROWS, EXPORT_BENCH_DB, BENCH_ARGS e.g. --tracemalloc).
# shellcheck disable=SC2086
exec bash "$(dirname "$0")/run.sh" export "${EXPORT_BENCH_DB:-doithoai_bench_export}" 100000 ${BENCH_ARGS:-}
