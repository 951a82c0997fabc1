#!/usr/bin/env bash
# The whole test suite: lint, types, tests. README's test command; .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e '.[test]'
python3 -m ruff check src tests bench
python3 -m mypy
python3 -m qianxing.data >/dev/null || { python3 -m qianxing.data; exit 1; }
python3 -m pytest "$@"
