# Shared by the scripts: a virtual environment in .venv with the pinned requirements installed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1
PY="${PYTHON:-python3}"

ensure_venv() {  # ensure_venv REQUIREMENTS_FILE
  local req="$1" stamp=".venv/.installed-$(basename "$1")"
  if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
  fi
  # Reinstall only when the requirement files changed since the last install.
  if [ ! -f "$stamp" ] || [ "$(cat requirements*.txt | sha256sum)" != "$(cat "$stamp")" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
    cat requirements*.txt | sha256sum > "$stamp"
  fi
}

ensure_node() {  # ensure_node test|bench: the pinned Node tools of package-lock.json in node_modules/
  # test needs the Nu HTML checker (dependencies); bench also needs Lighthouse (devDependencies).
  local want="$1" stamp="node_modules/.installed" lock
  lock="$(sha256sum < package-lock.json)"
  if [ -f "$stamp" ] && { [ "$(cat "$stamp")" = "$lock bench" ] || [ "$(cat "$stamp")" = "$lock $want" ]; }; then
    return
  fi
  if ! command -v npm >/dev/null; then
    echo "These tools need Node.js 20 and npm: install them (e.g. 'apt-get install nodejs npm') and try again." >&2
    exit 1
  fi
  # --ignore-scripts: vnu-jar's install script would only fetch a Java runtime, and the machine's Java is used.
  if [ "$want" = bench ]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  else
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
  echo "$lock $want" > "$stamp"
}
