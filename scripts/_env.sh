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
