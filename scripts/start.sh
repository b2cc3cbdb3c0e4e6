#!/bin/sh
# Start the system on the embedded default: SQLite, demo data, http://127.0.0.1:8000
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
mkdir -p var
PY=.venv/bin/python
$PY manage.py migrate --noinput
$PY manage.py load_demo
$PY manage.py collectstatic --noinput --verbosity 0
echo "ZSSS runs at http://127.0.0.1:8000/ (demo users and passwords: README.md)"
exec .venv/bin/gunicorn backend.config.wsgi --bind "${BIND:-127.0.0.1:8000}" --workers 2 \
    --access-logfile - --error-logfile -
