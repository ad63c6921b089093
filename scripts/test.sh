#!/usr/bin/env bash
# make test: the same set-up as make run, then every test against a fresh database.
set -euo pipefail
source "$(dirname "$0")/config.sh"
source "$ROOT/scripts/odoo-lib.sh"
DB=${TEST_DB:-doithoai_test}

"$ROOT/scripts/setup.sh"
# A cluster this run starts is stopped at the end; one already running is left alone.
if ! "$ROOT/scripts/pg.sh" running; then trap '"$ROOT/scripts/pg.sh" stop' EXIT; fi
"$ROOT/scripts/pg.sh" start
odoo_env
conf=$(write_conf "$DB" 0)
drop_db "$DB"
prepare_db "$conf" "$DB"

export DOITHOAI_ROOT=$ROOT
cd "$ROOT"
status=0
"$VENV/bin/pytest" --odoo-config="$conf" --odoo-database="$DB" --odoo-http \
    -p no:cacheprovider "$@" doithoai_module/tests tests || status=$?
# pytest's 5 means that no test ran: that is a failure here, never a pass.
exit "$status"
