#!/usr/bin/env bash
# Creates the competitor's Python virtual environment (pandas + openpyxl + xlrd + odfpy) in
# benches/competitor/.venv, once.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check pandas openpyxl xlrd odfpy
fi
.venv/bin/python -c "import pandas, openpyxl, xlrd; print('competitor venv: pandas', pandas.__version__)"
