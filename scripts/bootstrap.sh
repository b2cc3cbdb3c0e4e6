#!/bin/sh
# Create the virtual environment from the lock file (idempotent, no system packages needed
# beyond python3). Sourced by start.sh and test.sh.
set -eu
cd "$(dirname "$0")/.."
if [ ! -x .tools/bin/uv ]; then
    python3 -m venv .tools
    .tools/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"
fi
UV_PYTHON_DOWNLOADS=never .tools/bin/uv sync --quiet --frozen --python python3
