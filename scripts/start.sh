#!/bin/sh
# Start the system on the embedded default: SQLite, demo data, http://127.0.0.1:8000 (BIND),
# plus the Celery worker and the scheduler (beat). Without REDIS_URL they talk through a
# folder (var/broker/, kombu's filesystem transport), so no server is needed; e-mails are
# written to var/mail/. The worker and the scheduler run under scripts/supervise.sh, which
# starts either again when it exits (e.g. a worker after a Redis outage), so background work
# needs no one to restart it. Ctrl-C (or SIGTERM) stops all three.
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
. scripts/site_address.sh
mkdir -p var
PY=.venv/bin/python
$PY manage.py migrate --noinput
$PY manage.py load_demo
$PY manage.py collectstatic --noinput --verbosity 0

sh scripts/supervise.sh worker $PY -m celery -A backend.config worker --pool solo \
    --loglevel "${CELERY_LOG_LEVEL:-INFO}" --without-gossip --without-mingle --without-heartbeat &
WORKER=$!
sh scripts/supervise.sh beat $PY -m celery -A backend.config beat \
    --loglevel "${CELERY_LOG_LEVEL:-INFO}" &
BEAT=$!
.venv/bin/gunicorn backend.config.wsgi --bind "$BIND" --workers 2 \
    --access-logfile - --error-logfile - &
WEB=$!

stop() {
    trap - INT TERM
    kill -TERM "$WEB" "$WORKER" "$BEAT" 2>/dev/null || true
    wait "$WEB" "$WORKER" "$BEAT" 2>/dev/null || true
}
trap 'stop; exit 0' INT TERM
echo "ZSSS runs at http://$BIND/ (demo users and passwords: README.md);" \
    "supervisor pids: worker $WORKER, scheduler $BEAT;" \
    "e-mails in var/mail/ with links to $SITE_URL/ (set SITE_URL to change)"
# Serve until gunicorn exits (or a signal arrives); then stop the worker and the scheduler.
wait "$WEB" || true
stop
