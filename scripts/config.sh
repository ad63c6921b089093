# Shared settings for the set-up scripts: every pinned version lives here.
# shellcheck shell=bash
ODOO_PACKAGE=odoo-19
# Debian keeps only the newest build in unstable (testing often has the one before): the
# set-up takes the newest 19.0 build these suites offer, verified by apt, and records it.
ODOO_VERSION_PREFIX=19.0
ODOO_SUITES="unstable testing"
# Debian 12 lacks Montserrat; the same suite ships it as an arch-independent font package.
MONTSERRAT_PACKAGE=fonts-montserrat
SELFIE_NPM=@mediapipe/selfie_segmentation@0.1.1675465747

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${DOITHOAI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/doithoai}
LOCAL=$ROOT/.local
ODOO_VERSION_FILE=$CACHE/$ODOO_PACKAGE.version
odoo_paths() {  # the extracted tree of the recorded build (empty before the first set-up)
    ODOO_DEB_VERSION=$(cat "$ODOO_VERSION_FILE" 2>/dev/null || true)
    ODOO_ROOT=$CACHE/odoo-$ODOO_DEB_VERSION
    ODOO_SRC=$ODOO_ROOT/usr/lib/python3/dist-packages
}
odoo_paths
CONF=$LOCAL/odoo-${DB:-doithoai}.conf
PGDATA_DIR=$LOCAL/pgdata
PG_ENV=$LOCAL/pg.env

say() { printf '[doithoai] %s\n' "$*" >&2; }
die() { printf '[doithoai] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
    else die "installing system packages needs root: run as root or give this user password-less sudo, then run the command again."
    fi
}

python_bin() {
    local py
    for py in python3.11 python3; do
        if command -v "$py" >/dev/null && "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            command -v "$py"; return 0
        fi
    done
    return 1
}

venv_dir() {
    local key
    key=$(cat "$ROOT/requirements.txt" | sha256sum | cut -c1-12)
    printf '%s/venv-%s\n' "$CACHE" "$key"
}
