#!/usr/bin/env bash
# make bench-similarity: bench/similarity.py on its own database, dropped afterwards
# (BENCH_KEEP=1 keeps it; BENCH_ROWS, SIMILARITY_BENCH_DB, BENCH_ARGS e.g. --exact 0).
# shellcheck disable=SC2086
exec bash "$(dirname "$0")/run.sh" similarity "${SIMILARITY_BENCH_DB:-doithoai_bench_similarity}" 1000000 ${BENCH_ARGS:-}
