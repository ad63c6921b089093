#!/usr/bin/env bash
# For developers: create or update doithoai_module in a database (default: the test one;
# TEST_DB=name for another, so that parallel work does not collide) and run the given pytest arguments against it, without recreating anything.
#   scripts/dev-update.sh [-n] [pytest args...]   (-n: skip the module update)
set -euo pipefail
source "$(dirname "$0")/config.sh"
source "$ROOT/scripts/odoo-lib.sh"
DB=${TEST_DB:-doithoai_test}
"$ROOT/scripts/pg.sh" start
odoo_env
conf=$(write_conf "$DB" 0)
if [ "${1:-}" = -n ]; then shift; else prepare_db "$conf" "$DB"; fi
[ $# -eq 0 ] && exit 0
cd "$ROOT"
exec "$VENV/bin/pytest" --odoo-config="$conf" --odoo-database="$DB" --odoo-http -p no:cacheprovider "$@"
