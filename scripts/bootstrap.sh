#!/bin/sh
# Create the virtual environment from the lock file (idempotent, no system packages needed
# beyond python3). Sourced by start.sh and test.sh.
set -eu
cd "$(dirname "$0")/.."
if [ ! -x .tools/bin/uv ]; then
    python3 -m venv .tools
    .tools/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"
fi
# The libraries' bytecode is compiled once here (a first sync ~10 s longer, later ones
# unchanged): with PYTHONDONTWRITEBYTECODE set, as on the CI machine and in the image, every
# process would otherwise compile each module it imports from source, slower to start and
# heavier (XlsxWriter from source: +14 MB at an export's peak; bench/README.md).
UV_PYTHON_DOWNLOADS=never .tools/bin/uv sync --quiet --frozen --python python3 --compile-bytecode
