#!/usr/bin/env bash
# Installs whatever is missing for Odoo 19 + doithoai_module. Safe to run again:
# every step checks before it acts, downloads are cached outside the clone.
set -euo pipefail
source "$(dirname "$0")/config.sh"

APT_PACKAGES=(
    wkhtmltopdf chromium poppler-utils libmagic1 ca-certificates
    libjs-jquery libjs-underscore libjs-jquery-form
    fonts-font-awesome fonts-roboto-unhinted fonts-inconsolata fonts-ocr-b
    fonts-croscore fonts-liberation2
    nginx
)

check_platform() {
    [ -r /etc/debian_version ] && command -v apt-get >/dev/null \
        || die "this set-up needs Debian (12 or newer) with apt-get."
    python_bin >/dev/null || APT_PACKAGES+=(python3.11 python3.11-venv)
    # A Node.js from elsewhere may bundle npm, which Debian's npm package conflicts with.
    command -v npm >/dev/null || APT_PACKAGES+=(npm)
}

pg_server_present() { compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; }

install_system_packages() {
    pg_server_present || APT_PACKAGES+=(postgresql)
    local missing=() pkg
    for pkg in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq || die "apt-get update failed: check the network to the Debian mirror."
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || die "apt-get install ${missing[*]} failed: see the messages above."
}

debian_mirror() {
    # The machine's own mirror, from deb822 sources first, then the one-line format.
    local uri
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' \
        /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)
    [ -n "$uri" ] || die "no Debian mirror found in /etc/apt/sources.list or /etc/apt/sources.list.d/."
    printf '%s\n' "$uri"
}

apt_private() {
    local dir=$CACHE/apt
    mkdir -p "$dir/lists/partial" "$dir/archives/partial"
    local mirror suite
    mirror=$(debian_mirror)
    for suite in $ODOO_SUITES; do
        printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' "$mirror" "$suite"
    done >"$dir/sources.list"
    apt-get -q -o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
        -o Dir::State::Lists="$dir/lists" -o Dir::Cache::Archives="$dir/archives" \
        -o APT::Sandbox::User="$(id -un)" "$@"
}

fetch_deb() {  # name version -> path of the verified .deb in the cache
    local name=$1 version=$2 dir=$CACHE/apt/archives deb
    deb=$(compgen -G "$dir/${name}_${version//:/%3a}_all.deb" || true)
    if [ -z "$deb" ]; then
        say "downloading $name $version from Debian (signature-checked by apt)"
        apt_lists
        (cd "$dir" && apt_private download "$name=$version" >/dev/null) \
            || die "apt could not download $name=$version from Debian ($ODOO_SUITES): check the network."
        deb=$(compgen -G "$dir/${name}_${version//:/%3a}_all.deb" | head -n1)
    fi
    printf '%s\n' "$deb"
}

apt_lists() {  # the private package lists, fetched once a day at most
    local stamp=$CACHE/apt/lists/updated
    if [ -z "$(find "$stamp" -mmin -1440 2>/dev/null)" ] || ! grep -qx "$ODOO_SUITES" "$stamp"; then
        apt_private update >/dev/null || die "cannot reach the Debian mirror ($ODOO_SUITES): check the network."
        printf '%s\n' "$ODOO_SUITES" >"$stamp"
    fi
}

apt_cache_private() {
    apt-cache -o Dir::Etc::SourceList="$CACHE/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
        -o Dir::State::Lists="$CACHE/apt/lists" "$@"
}

latest_version() {  # name -> candidate version in the private suites
    apt_lists
    apt_cache_private policy "$1" | awk '/Candidate:/ {print $2}'
}

newest_odoo_version() {  # the newest $ODOO_VERSION_PREFIX build offered, unstable before testing
    apt_lists
    local suite version
    for suite in $ODOO_SUITES; do
        version=$(apt_cache_private madison "$ODOO_PACKAGE" | awk -F'|' -v s=" $suite/" -v p="$ODOO_VERSION_PREFIX" \
            '{gsub(/ /, "", $2)} index($3, s) && index($2, p ".") == 1 {print $2}' \
            | sort -V | tail -n1)
        [ -n "$version" ] && { printf '%s\n' "$version"; return 0; }
    done
    return 1
}

install_odoo() {
    if [ -z "$ODOO_DEB_VERSION" ] || [ ! -f "$ODOO_ROOT/.complete" ]; then
        local version deb
        version=$(newest_odoo_version) \
            || die "Debian ($ODOO_SUITES) offers no $ODOO_PACKAGE $ODOO_VERSION_PREFIX build any more: Odoo cannot be installed."
        ODOO_ROOT=$CACHE/odoo-$version
        if [ ! -f "$ODOO_ROOT/.complete" ]; then
            deb=$(fetch_deb "$ODOO_PACKAGE" "$version")
            say "extracting $(basename "$deb") into $ODOO_ROOT"
            rm -rf "$ODOO_ROOT" && mkdir -p "$ODOO_ROOT"
            dpkg-deb -x "$deb" "$ODOO_ROOT"
            touch "$ODOO_ROOT/.complete"
        fi
        printf '%s\n' "$version" >"$ODOO_VERSION_FILE"
        say "Odoo: Debian's $ODOO_PACKAGE $version (recorded in $ODOO_VERSION_FILE)"
        odoo_paths
    fi
    fix_asset_links
    restore_selfie_segmentation
}

install_montserrat() {
    local dir=$CACHE/montserrat
    [ -f "$dir/.complete" ] && return 0
    local deb
    deb=$(fetch_deb "$MONTSERRAT_PACKAGE" "$(latest_version "$MONTSERRAT_PACKAGE")")
    rm -rf "$dir" && mkdir -p "$dir" && dpkg-deb -x "$deb" "$dir" && touch "$dir/.complete"
}

fix_asset_links() {
    # The package links its web assets into /usr/share with relative paths, which break
    # once extracted elsewhere: point each link at its absolute target.
    install_montserrat
    local link target abs
    while IFS= read -r -d '' link; do
        target=$(readlink "$link")
        abs=/usr/share/${target##*/share/}
        case "$abs" in
            /usr/share/fonts/truetype/montserrat/*) abs=$CACHE/montserrat$abs ;;
        esac
        [ "$target" = "$abs" ] || ln -sfn "$abs" "$link"
        [ -e "$link" ] || die "asset $link points at $abs, which is missing."
    done < <(find "$ODOO_SRC" -type l -print0)
}

restore_selfie_segmentation() {
    local dest=$ODOO_SRC/odoo/addons/mail/static/lib/selfie_segmentation/selfie_segmentation.js
    [ -s "$dest" ] && return 0
    local tmp
    tmp=$(mktemp -d)
    say "restoring $(basename "$dest") from the npm registry ($SELFIE_NPM)"
    (cd "$tmp" && npm pack --silent --cache "$CACHE/npm" "$SELFIE_NPM" >/dev/null) \
        || die "npm pack $SELFIE_NPM failed: check the network to the npm registry."
    tar -xzf "$tmp"/*.tgz -C "$tmp"
    mkdir -p "$(dirname "$dest")" && cp "$tmp/package/selfie_segmentation.js" "$dest"
    rm -rf "$tmp"
}

install_venv() {
    local venv py
    venv=$(venv_dir)
    [ -f "$venv/.complete" ] && return 0
    py=$(python_bin) || die "Python 3.11 is missing and could not be installed."
    say "creating the virtual environment $venv from requirements.txt"
    rm -rf "$venv"
    "$py" -m venv "$venv" || die "python3.11 -m venv failed: install python3.11-venv."
    local log=$CACHE/pip.log
    { "$venv/bin/pip" install --upgrade pip wheel && "$venv/bin/pip" install -r "$ROOT/requirements.txt"; } >"$log" 2>&1 \
        || { tail -n 20 "$log" >&2; die "pip install -r requirements.txt failed (log: $log): check the network to PyPI."; }
    touch "$venv/.complete"
}

main() {
    mkdir -p "$CACHE" "$LOCAL"
    check_platform
    install_system_packages
    install_odoo
    install_venv
}

main "$@"
