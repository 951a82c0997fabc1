#!/usr/bin/env bash
# The whole test suite: lint, types, tests. README's test command; .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
# Inside a virtualenv, or with a Python that lets pip install (CI), use python3 as it is. On a
# system Python that refuses pip (PEP 668: Debian 12+, Ubuntu 24+) use the project's .venv,
# made by README's first command or here.
PY=python3
if [ -z "${VIRTUAL_ENV:-}" ]; then
  if [ -x .venv/bin/python3 ]; then
    PY=.venv/bin/python3
  elif [ -f "$(python3 -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')/EXTERNALLY-MANAGED" ]; then
    python3 -m venv .venv
    PY=.venv/bin/python3
  fi
fi
"$PY" -m pip install -q -e '.[test]'
"$PY" -m ruff check src tests bench
"$PY" -m mypy
"$PY" -m qianxing.data >/dev/null || { "$PY" -m qianxing.data; exit 1; }
# every test, the slow ones too (a bare `pytest` skips those marked slow)
"$PY" -m pytest -m "slow or not slow" "$@"
