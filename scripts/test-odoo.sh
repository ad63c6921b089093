#!/usr/bin/env bash
# Odoo's own post-install tests of the modules doithoai_module builds on, run on a copy of a
# database holding the module and its demo data: a change of ours that breaks Odoo's own
# behaviour (mail, portal, resource) fails here. Called by scripts/test.sh after the module's
# tests; by hand: scripts/test-odoo.sh SOURCE_DB (the source is copied, never changed).
#   ODOO_TEST_TAGS=post_install/mail:TestMailTour   a subset (Odoo's --test-tags syntax)
# Prints one last line "N passed, N failed" and exits non-zero when any test failed.
set -euo pipefail
source "$(dirname "$0")/config.sh"
source "$ROOT/scripts/odoo-lib.sh"
SRC=${1:?usage: scripts/test-odoo.sh SOURCE_DB}
TAGS=${ODOO_TEST_TAGS:-post_install/resource,post_install/portal,post_install/mail}
COPY=${SRC}_odoo
odoo_env

free_http_port() {
    "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

copy_db() {  # source copy: a template copy, with its filestore
    drop_db "$2"
    "$VENV/bin/python" - "$1" "$2" <<'PY'
import sys, psycopg2
con = psycopg2.connect(dbname="postgres")
con.autocommit = True
src, dst = (name.replace('"', '') for name in sys.argv[1:3])
con.cursor().execute(f'CREATE DATABASE "{dst}" TEMPLATE "{src}"')
PY
    # The test database is created in Vietnamese (the load-language option): Odoo then leaves
    # English inactive and makes Vietnamese the language of every new partner and of its own
    # users (public, portal, demo); its tests, written for a database created in English, look
    # for English labels. The copy gets Odoo's default language back (English active, the
    # default of new partners, of the companies and of Odoo's own users); the module and its
    # demo stay as they are.
    "$VENV/bin/python" - "$2" <<'PY'
import sys, psycopg2
con = psycopg2.connect(dbname=sys.argv[1])
with con, con.cursor() as cur:
    cur.execute("UPDATE res_lang SET active = TRUE WHERE code = 'en_US'")
    cur.execute("""UPDATE ir_default SET json_value = '"en_US"'
                    WHERE field_id = (SELECT id FROM ir_model_fields WHERE model = 'res.partner' AND name = 'lang')""")
    cur.execute("""UPDATE res_partner SET lang = 'en_US' WHERE id IN (
                       SELECT u.partner_id FROM res_users u JOIN ir_model_data d
                           ON d.model = 'res.users' AND d.res_id = u.id AND d.module = 'base'
                       UNION SELECT partner_id FROM res_company)""")
PY
    if [ -d "$LOCAL/data/filestore/$1" ]; then
        mkdir -p "$LOCAL/data/filestore"
        cp -a "$LOCAL/data/filestore/$1" "$LOCAL/data/filestore/$2"
    fi
}

say "Odoo's own tests ($TAGS) on '$COPY', a copy of '$SRC' with doithoai_module and its demo"
copy_db "$SRC" "$COPY"
trap 'drop_db "$COPY"; rm -f "$LOCAL/odoo-$COPY.conf"' EXIT
conf=$(WORKERS=0 write_conf "$COPY" "$(free_http_port)")
log=$LOCAL/test-odoo-$COPY.log
start=$SECONDS
status=0
# No -u: Odoo then runs the tests matching the tags of every installed module while loading
# the registry; the tags keep the post-install ones (at-install tests expect a database with
# only their module's dependencies).
"${ODOO[@]}" -c "$conf" -d "$COPY" --test-enable --test-tags "$TAGS" --stop-after-init \
    --log-level=info >"$log" 2>&1 || status=$?
elapsed=$((SECONDS - start))

# Odoo logs "F failed, E error(s) of N tests" for the run; failures and errors both count.
read -r failed errors total < <(
    sed -n 's/.* \([0-9]\+\) failed, \([0-9]\+\) error(s) of \([0-9]\+\) tests.*/\1 \2 \3/p' "$log" | tail -n1)
if [ -z "${total:-}" ]; then
    grep -E "ERROR|CRITICAL" "$log" | tail -n 20 >&2 || true
    say "Odoo's test run gave no result (exit status $status): see $log"
    echo "0 passed, 1 failed"
    exit 1
fi
bad=$((failed + errors))
grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$log" | grep -E "FAIL|ERROR:" | head -n 40 >&2 || true
say "Odoo's own tests: $total run in ${elapsed}s ($failed failed, $errors error(s)); log: $log"
echo "$((total - bad)) passed, $bad failed"
[ "$bad" -eq 0 ] && [ "$status" -eq 0 ]
