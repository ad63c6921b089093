#!/usr/bin/env bash
# make run: set up, create or update the database, serve the web client.
set -euo pipefail
source "$(dirname "$0")/config.sh"
source "$ROOT/scripts/odoo-lib.sh"
DB=${DB:-doithoai}
PORT=${PORT:-8069}

"$ROOT/scripts/setup.sh"
"$ROOT/scripts/pg.sh" start
odoo_env
port_free "$PORT" || die "port $PORT is in use: stop that server ('make stop') or choose another with PORT=8070."
conf=$(write_conf "$DB" "$PORT")
prepare_db "$conf" "$DB"
cat >&2 <<MSG

  Đối thoại is served at http://127.0.0.1:$PORT  (database '$DB')
  Log in as admin / admin (Odoo's administrator, in English), or as the province's staff
  in Vietnamese: tinh.canbo / demo (officer), tinh.lanhdao / demo (leader),
  thainguyen.chutich / demo (the chairman who signs papers); README.md
  lists every demo login. Stop with Ctrl+C; 'make stop' also stops PostgreSQL.

MSG
echo $$ >"$LOCAL/odoo-$DB.pid"
exec "${ODOO[@]}" -c "$conf" -d "$DB"
